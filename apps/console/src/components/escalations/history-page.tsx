"use client";
// /escalations/history. Clinicians: resolved events, filtered by severity, category, route,
// resolved date and assignee (kept in the URL), a page at a time; an event's detail and a link to
// its audit trail. Others: the counts only (the server refuses them the content anyway).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { useNow } from "../operations/use-now";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";
import { CountsView } from "./counts-view";
import { EventDetail } from "./event-detail";
import { HistoryFilters } from "./history-filters";
import { historyFilterFromForm, historyFormFromParams, historyParamsFromForm } from "./history-params";
import { HistoryTable } from "./history-table";

function Head({ children }: { children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>Escalation history</h1>
        <p className="muted">Resolved therapeutic events, the most recently resolved first. Excerpts are masked.</p>
      </div>
      <div className="head-controls">
        <Link href="/escalations" className="button">
          Open queue
        </Link>
        {children}
      </div>
    </div>
  );
}

export function HistoryPage() {
  const { user, isAdmin } = useCurrentUser();
  if (user.roles.includes("clinician")) return <History meId={user.id} canAudit={isAdmin} />;
  return <NotClinician countsAllowed={isAdmin || user.roles.includes("operator")} />;
}

function NotClinician({ countsAllowed }: { countsAllowed: boolean }) {
  const now = useNow();
  return (
    <>
      <Head />
      <p className="notice" data-testid="history-counts-only">
        The history of events is for clinicians: what players wrote and what clinicians noted is shown to them alone.
        {countsAllowed ? " The counts:" : " Ask an admin for the clinician role if you need it."}
      </p>
      {countsAllowed ? <CountsView now={now} /> : null}
    </>
  );
}

function History({ meId, canAudit }: { meId: string; canAudit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = params.toString();
  const form = useMemo(() => historyFormFromParams(new URLSearchParams(query)), [query]);
  const filter = useMemo(() => historyFilterFromForm(form), [form]);
  const options = useQuery(trpc.escalations.historyOptions.queryOptions(undefined, { staleTime: 0 }));
  const pages = useInfiniteQuery(trpc.escalations.history.infiniteQueryOptions(filter, { getNextPageParam: (page) => page.nextCursor ?? undefined, staleTime: 0 }));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const events = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total;
  const fieldErrors = fieldErrorsOf(pages.error) ?? [];

  return (
    <>
      <Head />
      <HistoryFilters key={query} initial={form} options={options.data} errors={fieldErrors} onApply={(next) => router.replace(`${pathname}?${historyParamsFromForm(next).toString()}`)} />
      {options.error ? <ErrorNotice error={options.error} title="Could not load the filter choices." /> : null}
      {pages.error && fieldErrors.length === 0 ? <ErrorNotice error={pages.error} title="Could not load the history." /> : null}
      <div className={selectedId ? "queue-layout queue-layout-split" : "queue-layout"}>
        <section className="section section-first" aria-labelledby="history-heading">
          <h2 id="history-heading">
            Resolved events{" "}
            {total !== undefined ? (
              <span className="muted" data-testid="history-total" data-total={total}>
                ({total} {total === 1 ? "event" : "events"})
              </span>
            ) : null}
          </h2>
          {!canAudit ? <p className="hint">Audit trails are on the audit log, for admins; an event's timeline in its details shows the same steps.</p> : null}
          {pages.data ? (
            <HistoryTable events={events} selectedId={selectedId} meId={meId} canAudit={canAudit} onSelect={setSelectedId} />
          ) : pages.error ? null : (
            <p className="muted">Loading…</p>
          )}
          {pages.hasNextPage ? (
            <div className="form-actions" style={{ marginTop: "1rem" }}>
              <button type="button" className="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                {pages.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            </div>
          ) : null}
        </section>
        {selectedId ? <EventDetail key={selectedId} id={selectedId} meId={meId} onClose={() => setSelectedId(null)} /> : null}
      </div>
    </>
  );
}
