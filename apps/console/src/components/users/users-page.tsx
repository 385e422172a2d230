"use client";
// Console users, for admins: who may sign in, with which roles. A change applies to the user's
// next call (the API reads the user on every call): a disabled user is out at once.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ROLES, type TUserRecord } from "@tta/domain/browser";
import { ACTIONS_COLUMN, DataTable, type Column } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { applyTable, type TableSpec } from "../ui/table/table-state";
import { TablePager } from "../ui/table/table-pager";
import { TableFilter, TableToolbar } from "../ui/table/table-toolbar";
import { useTableState } from "../ui/table/use-table-state";
import { toastText, useToast } from "../ui/toast";
import { NewUserForm } from "./new-user-form";
import { UserRow } from "./user-row";

const COLUMNS: Column[] = [
  { label: "Name", sort: "name" },
  { label: "Email", sort: "email" },
  "Roles",
  { label: "Status", sort: "status" },
  { label: "Created", sort: "created" },
  ACTIONS_COLUMN,
];
const FILTERS = ["role", "status"] as const;
const SPEC: TableSpec<TUserRecord> = {
  text: (u) => [u.name, u.email, u.id],
  sorts: { name: (u) => u.name, email: (u) => u.email, status: (u) => (u.disabled ? "disabled" : "active"), created: (u) => u.createdAt.getTime() },
  filters: { role: (u, v) => u.roles.includes(v as TUserRecord["roles"][number]), status: (u, v) => u.disabled === (v === "disabled") },
};

export function UsersPage() {
  const trpc = useTRPC();
  const { user: me } = useCurrentUser();
  const users = useQuery(trpc.users.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const table = useTableState({ sort: { key: "name", dir: "asc" }, filters: FILTERS });
  const toast = useToast();
  const view = users.data ? applyTable(users.data, table.state, SPEC) : null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p className="muted">Who may sign in to the console, and with which roles.</p>
        </div>
        {creating ? null : (
          <button type="button" className="button button-primary" onClick={() => { setCreated(null); setCreating(true); }}>
            New user
          </button>
        )}
      </div>
      {created ? (
        <p className="notice notice-success" role="status" data-testid="user-created">
          Created {created}. They can sign in with the initial password now.
        </p>
      ) : null}
      {creating ? (
        <NewUserForm
          onDone={(email) => {
            setCreating(false);
            setCreated(email);
            if (email) toast(toastText("user", email, "created"));
          }}
        />
      ) : null}
      {users.error ? <ErrorNotice error={users.error} title="Could not load the users." /> : null}
      {view ? (
        <>
          <TableToolbar label="Users" table={table} placeholder="Name or email">
            <TableFilter table={table} name="role" label="Role" options={ROLES.map((r) => [r, r] as const)} />
            <TableFilter table={table} name="status" label="Status" options={[["active", "Active"], ["disabled", "Disabled"]]} />
          </TableToolbar>
          <DataTable label="Users" columns={COLUMNS} wrapClassName="table-wrap" sorting={table}>
            <tbody>
              {view.rows.map((u) => (
                <UserRow key={u.id} user={u} isSelf={u.id === me.id} />
              ))}
            </tbody>
          </DataTable>
          {view.total === 0 ? <p className="empty">No users match.</p> : null}
          <TablePager label="Users" view={view} onPage={table.setPage} />
        </>
      ) : users.error ? null : (
        <p className="muted">Loading users…</p>
      )}
    </>
  );
}
