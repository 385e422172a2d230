"use client";
// Create or edit one policy of either kind, with the routes that use it. Saved policies reach the
// gateways with the next publish.
import type { ReactNode } from "react";
import type { FieldError } from "@tta/domain/browser";
import { EntityEditor, type EditorFormProps } from "../ui/entity-editor";
import { UsedBy } from "./used-by";

export interface PolicyEditorProps<I, R extends { id: string; usedBy: string[] }> {
  id?: string;
  /** "rate-limit policy", for the toast once saved. */
  thing: string;
  policy: { data?: R; error: unknown };
  create: (input: I) => Promise<unknown>;
  update: (input: I & { id: string }) => Promise<unknown>;
  check?: (input: I, id: string | null) => Promise<FieldError[]>;
  /** The form; `record` is the saved policy, none when creating one. */
  children: (record: R | undefined, form: EditorFormProps<I>) => ReactNode;
}

export function PolicyEditor<I, R extends { id: string; usedBy: string[] }>({ id, thing, policy, create, update, check, children }: PolicyEditorProps<I, R>) {
  return (
    <EntityEditor
      id={id}
      loadErrors={[[policy.error, "Could not load this policy."]]}
      loaded={id && !policy.data ? null : { record: policy.data }}
      create={create}
      update={update}
      check={check}
      listHref="/policies"
      thing={thing}
      things="policies"
      createLabel="Create policy"
      aside={policy.data ? <UsedBy routes={policy.data.usedBy} /> : null}
    >
      {({ record }, form) => children(record, form)}
    </EntityEditor>
  );
}
