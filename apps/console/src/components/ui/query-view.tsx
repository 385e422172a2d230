"use client";
// A list query's three states before its rows: the error (with its correlation id), loading, and
// nothing there yet. Only a non-empty list reaches `children`.
import type { ReactNode } from "react";
import { ErrorNotice } from "./error-notice";

export interface QueryViewProps<T> {
  query: { data?: T[]; error: unknown };
  /** "Could not load the routes." */
  errorTitle: string;
  /** "Loading routes…" */
  loading: string;
  /** What an empty list means for the person looking at it. */
  empty: ReactNode;
  children: (rows: T[]) => ReactNode;
}

export function QueryView<T>({ query, errorTitle, loading, empty, children }: QueryViewProps<T>) {
  if (query.error) return <ErrorNotice error={query.error} title={errorTitle} />;
  if (!query.data) return <p className="muted">{loading}</p>;
  if (query.data.length === 0) return <p className="empty">{empty}</p>;
  return <>{children(query.data)}</>;
}
