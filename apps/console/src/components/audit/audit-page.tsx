"use client";
// /audit (admins): the audit log, newest first (or oldest), filtered by actor, action, entity,
// correlation id and time, paged on the server ("51–100 of 812"); filters, order and page are in
// the URL. Each row's entity opens on its page; its before/after shows as a diff.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";
import { pageOf } from "../ui/table/table-state";
import { TablePager } from "../ui/table/table-pager";
import { useTableState } from "../ui/table/use-table-state";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { filterFromForm, formFromParams, paramsFromForm } from "./filter-params";

const PAGE_SIZE = 50;

export function AuditPage() {
  const { isAdmin } = useCurrentUser();
  if (!isAdmin) {
    return (
      <>
        <h1>Audit log</h1>
        <div className="notice notice-error" role="alert" data-testid="audit-admins-only">
          <strong>Not allowed.</strong> The audit log is for admins.
        </div>
      </>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const params = useSearchParams();
  const table = useTableState({ sort: { key: "time", dir: "desc" }, pageSize: PAGE_SIZE });
  const { page, pageSize, sort } = table.state;
  // The filters alone (not the page or order) key the form, so paging keeps what is typed.
  const filterQuery = paramsFromForm(formFromParams(params)).toString();
  const form = useMemo(() => formFromParams(new URLSearchParams(filterQuery)), [filterQuery]);
  const filter = { ...filterFromForm(form, pageSize), offset: (page - 1) * pageSize, order: sort?.dir ?? "desc" };
  const entries = useQuery(trpc.audit.list.queryOptions(filter, { staleTime: 0, placeholderData: keepPreviousData }));
  const fieldErrors = fieldErrorsOf(entries.error) ?? [];

  function apply(next: typeof form) {
    // New filters start at the first page, in the order chosen.
    const query = paramsFromForm(next);
    if (params.get("sort")) query.set("sort", params.get("sort")!);
    // Like the tables' state: the URL changes at once, without a round trip to the server.
    window.history.replaceState(null, "", query.size ? `${pathname}?${query.toString()}` : pathname);
  }

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="muted">Every admin action, escalation step and safety outcome, with its actor and correlation id. Content is masked.</p>
        </div>
      </div>
      <AuditFilters initial={form} errors={fieldErrors} onApply={apply} />
      {entries.error && fieldErrors.length === 0 ? <ErrorNotice error={entries.error} title="Could not load the audit log." /> : null}
      {entries.data ? (
        <>
          <AuditTable entries={entries.data.items} sorting={table} />
          {entries.data.total > 0 ? <TablePager label="Audit log" view={pageOf(entries.data.total, page, pageSize)} onPage={table.setPage} /> : null}
        </>
      ) : entries.error ? null : (
        <p className="muted">Loading…</p>
      )}
    </>
  );
}
