"use client";
// /audit (admins): the audit log, newest first, filtered by actor, action, entity, correlation id
// and time (kept in the URL), a page at a time, each row's before/after as a diff.
import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { filterFromForm, formFromParams, paramsFromForm } from "./filter-params";

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
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = params.toString();
  const form = useMemo(() => formFromParams(new URLSearchParams(query)), [query]);
  const filter = useMemo(() => filterFromForm(form), [form]);
  const pages = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(filter, { getNextPageParam: (page) => page.nextCursor ?? undefined, staleTime: 0 }));
  const entries = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const fieldErrors = fieldErrorsOf(pages.error) ?? [];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="muted">Every admin action, escalation step and safety outcome, with its actor and correlation id. Content is masked.</p>
        </div>
      </div>
      <AuditFilters key={query} initial={form} errors={fieldErrors} onApply={(next) => router.replace(`${pathname}?${paramsFromForm(next).toString()}`)} />
      {pages.error && fieldErrors.length === 0 ? <ErrorNotice error={pages.error} title="Could not load the audit log." /> : null}
      {pages.data ? <AuditTable entries={entries} /> : pages.error ? null : <p className="muted">Loading…</p>}
      {pages.hasNextPage ? (
        <div className="form-actions" style={{ marginTop: "1rem" }}>
          <button type="button" className="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {pages.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}
    </>
  );
}
