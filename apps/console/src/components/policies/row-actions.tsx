"use client";
// A row's Edit/View link and Delete button; Delete asks to confirm in place first.
import Link from "next/link";
import { useState } from "react";

export interface RowActionsProps {
  /** e.g. "rate-limit policy default": the accessible names become "Edit rate-limit policy default" … */
  subject: string;
  href: string;
  isAdmin: boolean;
  deleting: boolean;
  onDelete: () => Promise<unknown>;
}

export function RowActions({ subject, href, isAdmin, deleting, onDelete }: RowActionsProps) {
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <span className="inline-confirm" role="group" aria-label={`Delete ${subject}?`}>
        <span>Delete?</span>
        <button
          type="button"
          className="button button-danger button-small"
          disabled={deleting}
          onClick={() => onDelete().then(() => setConfirming(false), () => setConfirming(false))}
        >
          Confirm
        </button>
        <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <>
      <Link href={href} className="button button-quiet button-small" aria-label={`${isAdmin ? "Edit" : "View"} ${subject}`}>
        {isAdmin ? "Edit" : "View"}
      </Link>
      {isAdmin ? (
        <button type="button" className="button button-quiet button-small" aria-label={`Delete ${subject}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      ) : null}
    </>
  );
}

export function RouteNames({ names }: { names: string[] }) {
  return names.length ? <>{names.join(", ")}</> : <span className="muted">no route</span>;
}
