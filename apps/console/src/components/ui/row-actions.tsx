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

/** Confirms one row at a time of its own; the confirm closes whether the delete worked or not. */
export function RowActions({ onDelete, ...props }: RowActionsProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <RowActionButtons
      {...props}
      prompt="Delete?"
      confirming={confirming}
      onAsk={() => setConfirming(true)}
      onCancel={() => setConfirming(false)}
      onConfirm={() => onDelete().then(() => setConfirming(false), () => setConfirming(false))}
    />
  );
}

export interface RowActionButtonsProps extends Omit<RowActionsProps, "onDelete"> {
  /** The visible question while confirming. */
  prompt: string;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}

/** The buttons alone, for a table that decides which row is confirming. */
export function RowActionButtons({ subject, href, isAdmin, deleting, prompt, confirming, onAsk, onCancel, onConfirm }: RowActionButtonsProps) {
  if (confirming) {
    return (
      <span className="inline-confirm" role="group" aria-label={`Delete ${subject}?`}>
        <span>{prompt}</span>
        <button type="button" className="button button-danger button-small" disabled={deleting} onClick={onConfirm}>
          Confirm
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onCancel}>
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
        <button type="button" className="button button-quiet button-small" aria-label={`Delete ${subject}`} onClick={onAsk}>
          Delete
        </button>
      ) : null}
    </>
  );
}
