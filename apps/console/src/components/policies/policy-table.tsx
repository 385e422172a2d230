"use client";
// A list of policies of one kind: name, the kind's own columns, the routes that use each policy,
// and Edit/View and Delete (refused while a route uses the policy; the refusal shows above the table).
import type { ReactNode } from "react";
import { useCurrentUser } from "../current-user";
import { ACTIONS_COLUMN, DataTable, type Column } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { QueryView } from "../ui/query-view";
import { RowActions } from "../ui/row-actions";

interface Policy {
  id: string;
  name: string;
  usedBy: string[];
}

export interface PolicyTableProps<P extends Policy> {
  policies: { data?: P[]; error: unknown };
  remove: { error: unknown; isPending: boolean; mutateAsync: (input: { id: string }) => Promise<unknown> };
  /** "auth policy": the rows' accessible names read "Edit auth policy default". */
  what: string;
  /** "auth policies": "Could not load the auth policies.", "Loading auth policies…", and the table's name. */
  plural: string;
  empty: string;
  /** "auth-policy": test ids auth-policy-row-<name> and auth-policy-delete-error. */
  testId: string;
  /** Where a row's policy opens: "/policies/auth" + "/<id>". */
  href: string;
  /** The kind's own columns, between Name and Used by. */
  columns: Column[];
  cells: (policy: P) => ReactNode;
}

export function PolicyTable<P extends Policy>(props: PolicyTableProps<P>) {
  const { remove, what, plural, testId } = props;
  const { isAdmin } = useCurrentUser();
  return (
    <QueryView query={props.policies} errorTitle={`Could not load the ${plural}.`} loading={`Loading ${plural}…`} empty={props.empty}>
      {(rows) => (
        <>
          {remove.error ? (
            <div data-testid={`${testId}-delete-error`}>
              <ErrorNotice error={remove.error} title="Not deleted." />
            </div>
          ) : null}
          <DataTable label={plural.charAt(0).toUpperCase() + plural.slice(1)} columns={["Name", ...props.columns, "Used by", ACTIONS_COLUMN]}>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-testid={`${testId}-row-${p.name}`}>
                  <td className="strong">{p.name}</td>
                  {props.cells(p)}
                  <td>
                    <RouteNames names={p.usedBy} />
                  </td>
                  <td className="actions">
                    <RowActions subject={`${what} ${p.name}`} href={`${props.href}/${p.id}`} isAdmin={isAdmin} deleting={remove.isPending} onDelete={() => remove.mutateAsync({ id: p.id })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </QueryView>
  );
}

function RouteNames({ names }: { names: string[] }) {
  return names.length ? <>{names.join(", ")}</> : <span className="muted">no route</span>;
}
