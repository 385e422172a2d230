"use client";
// Below a table: "21–40 of 45" and Previous/Next. Says nothing when everything fits on one page
// except the count, so a short list is not cluttered.
import type { PageView } from "./table-state";

export function TablePager({ label, view, onPage }: { label: string; view: Omit<PageView<unknown>, "rows">; onPage: (page: number) => void }) {
  const { from, to, total, page, pageCount } = view;
  return (
    <nav className="table-pager" aria-label={`${label} pages`}>
      <p className="muted" role="status" data-testid="table-range">
        {total === 0 ? "0 of 0" : `${from}–${to} of ${total}`}
      </p>
      {pageCount > 1 ? (
        <div className="table-pager-buttons">
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Previous<span className="visually-hidden"> page</span>
          </button>
          <span className="muted">
            Page {page} of {pageCount}
          </span>
          <button type="button" className="button button-small" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
            Next<span className="visually-hidden"> page</span>
          </button>
        </div>
      ) : null}
    </nav>
  );
}
