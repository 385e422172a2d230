"use client";
// A list of policies of one kind: name, the kind's own columns, the routes that use each policy,
// and Edit/View and Delete (refused while a route uses the policy; the refusal shows above the table).
// Searched, sorted and paged in the URL under the table's own prefix (two tables share the page);
// policies a publish would change are marked.
import type { ReactNode } from "react";
import type { TEntityDiff } from "@tta/domain/browser";
import { useCurrentUser } from "../current-user";
import { ChangedTag, CHANGED_OPTIONS, RemovedSinceLive, useLiveChanges } from "../ui/changed-tag";
import { ACTIONS_COLUMN, DataTable, type Column } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { QueryView } from "../ui/query-view";
import { RowActions } from "../ui/row-actions";
import { applyTable, type SortValue } from "../ui/table/table-state";
import { TablePager } from "../ui/table/table-pager";
import { TableFilter, TableToolbar } from "../ui/table/table-toolbar";
import { useTableState } from "../ui/table/use-table-state";
import { toastText, useToast } from "../ui/toast";

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
  /** The query keys' prefix: "auth" gives ?auth.q=…&auth.sort=…. */
  tableId: string;
  /** Which entities of config.changes are this table's. */
  kind: Extract<TEntityDiff["kind"], "rateLimitPolicy" | "authPolicy">;
  /** Where a row's policy opens: "/policies/auth" + "/<id>". */
  href: string;
  /** The kind's own columns, between Name and Used by; a column's `sort` names a key of `sorts`. */
  columns: Column[];
  sorts?: Record<string, (policy: P) => SortValue>;
  /** What the search looks in besides the name. */
  text?: (policy: P) => (string | null | undefined)[];
  cells: (policy: P) => ReactNode;
}

const FILTERS = ["used", "changed"] as const;

export function PolicyTable<P extends Policy>(props: PolicyTableProps<P>) {
  const { remove, what, plural, testId } = props;
  const { isAdmin } = useCurrentUser();
  const toast = useToast();
  const live = useLiveChanges(props.kind);
  const table = useTableState({ id: props.tableId, sort: { key: "name", dir: "asc" }, filters: FILTERS });
  const label = plural.charAt(0).toUpperCase() + plural.slice(1);
  const columns: Column[] = [{ label: "Name", sort: "name" }, { label: "Since live", hidden: true }, ...props.columns, { label: "Used by", sort: "usedBy" }, ACTIONS_COLUMN];
  return (
    <QueryView query={props.policies} errorTitle={`Could not load the ${plural}.`} loading={`Loading ${plural}…`} empty={props.empty}>
      {(rows) => {
        const view = applyTable(rows, table.state, {
          text: (p) => [p.name, ...p.usedBy, ...(props.text?.(p) ?? [])],
          sorts: { name: (p) => p.name, usedBy: (p) => p.usedBy.length, ...props.sorts },
          filters: { used: (p, v) => p.usedBy.length > 0 === (v === "yes"), changed: (p, v) => live.changed.has(p.name) === (v === "yes") },
        });
        return (
          <>
            {remove.error ? (
              <div data-testid={`${testId}-delete-error`}>
                <ErrorNotice error={remove.error} title="Not deleted." />
              </div>
            ) : null}
            <TableToolbar label={label} table={table} placeholder="Name or route">
              <TableFilter table={table} name="used" label="Used" options={[["yes", "Used by a route"], ["no", "Unused"]]} />
              <TableFilter table={table} name="changed" label="Since live" options={CHANGED_OPTIONS} />
            </TableToolbar>
            <DataTable label={label} columns={columns} sorting={table}>
              <tbody>
                {view.rows.map((p) => (
                  <tr key={p.id} data-testid={`${testId}-row-${p.name}`} data-changed={live.changed.get(p.name) ?? ""}>
                    <td className="strong nowrap">{p.name}</td>
                    <td className="tags">
                      <ChangedTag change={live.changed.get(p.name)} />
                    </td>
                    {props.cells(p)}
                    <td>
                      <RouteNames names={p.usedBy} />
                    </td>
                    <td className="actions">
                      <RowActions
                        subject={`${what} ${p.name}`}
                        href={`${props.href}/${p.id}`}
                        isAdmin={isAdmin}
                        deleting={remove.isPending}
                        onDelete={() => remove.mutateAsync({ id: p.id }).then(() => toast(toastText(what, p.name, "deleted")))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {view.total === 0 ? <p className="empty">No {plural} match.</p> : null}
            <TablePager label={label} view={view} onPage={table.setPage} />
            <RemovedSinceLive names={live.removed} what={plural} />
          </>
        );
      }}
    </QueryView>
  );
}

function RouteNames({ names }: { names: string[] }) {
  return names.length ? <>{names.join(", ")}</> : <span className="muted">no route</span>;
}
