"use client";
// The frame of a create-or-edit page: waits for what the form needs, sends what the form submits,
// and turns a refusal into field errors (the form shows them) or a notice; once saved, a toast
// names it and the list opens again as it was left (its search, sort and page). Only admins may
// change anything: everyone else sees the form read-only.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { FieldError } from "@tta/domain/browser";
import { useCurrentUser } from "../current-user";
import { fieldErrorsOf } from "./api-errors";
import { ErrorNotice } from "./error-notice";
import { rememberedListHref } from "./table/remembered-list";
import { toastText, useToast } from "./toast";

/** What the editor hands its form. */
export interface EditorFormProps<I> {
  submitLabel: string;
  readOnly: boolean;
  /** Resolves with the server's field errors, or null when saved. */
  onSubmit: (input: I) => Promise<FieldError[] | null>;
  /** Every field error the server would give, without saving (asked when the form's own check fails). */
  onCheck?: (input: I) => Promise<FieldError[]>;
}

export interface EntityEditorProps<I, L> {
  /** The entity being edited; none when creating one. */
  id?: string;
  /** The loads' errors in the order they are told, each with its title ("Could not load this route."). */
  loadErrors: [error: unknown, title: string][];
  /** What the form needs once everything has loaded; null while loading. */
  loaded: L | null;
  create: (input: I) => Promise<unknown>;
  update: (input: I & { id: string }) => Promise<unknown>;
  /** The server's dry run of a save: all field errors at once (the schema's and the references'). */
  check?: (input: I, id: string | null) => Promise<FieldError[]>;
  /** Where a saved entity goes back to. */
  listHref: string;
  /** What one is, for the toast once saved: "route" reads `Route "hello" created.` */
  thing: string;
  /** What a viewer may not change: "routes" reads "Only admins can change routes; …". */
  things: string;
  createLabel: string;
  /** Shown between the read-only note and the save error. */
  aside?: ReactNode;
  children: (loaded: L, form: EditorFormProps<I>) => ReactNode;
}

export function EntityEditor<I, L>(props: EntityEditorProps<I, L>) {
  const { id, create, update, check } = props;
  const queryClient = useQueryClient();
  const router = useRouter();
  const { isAdmin } = useCurrentUser();
  const [failure, setFailure] = useState<unknown>(null);
  const toast = useToast();

  async function save(input: I): Promise<FieldError[] | null> {
    setFailure(null);
    try {
      if (id) await update({ id, ...input });
      else await create(input);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) setFailure(error);
      return fields;
    }
    const name = (input as { name?: unknown }).name;
    toast(toastText(props.thing, typeof name === "string" ? name : "", id ? "saved" : "created"));
    await queryClient.invalidateQueries();
    router.push(rememberedListHref(props.listHref));
    return null;
  }

  const loadError = props.loadErrors.find(([error]) => error);
  if (loadError) return <ErrorNotice error={loadError[0]} title={loadError[1]} />;
  if (props.loaded === null) return <p className="muted">Loading…</p>;

  return (
    <>
      {isAdmin ? null : <p className="notice">Only admins can change {props.things}; you can look, not edit.</p>}
      {props.aside}
      {failure ? <ErrorNotice error={failure} title="Not saved." /> : null}
      {props.children(props.loaded, { submitLabel: id ? "Save" : props.createLabel, readOnly: !isAdmin, onSubmit: save, onCheck: check && ((input: I) => check(input, id ?? null)) })}
    </>
  );
}
