"use client";
// Console users, for admins: who may sign in, with which roles. A change applies to the user's
// next call (the API reads the user on every call): a disabled user is out at once.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ACTIONS_COLUMN, DataTable } from "../ui/data-table";
import { ErrorNotice } from "../ui/error-notice";
import { NewUserForm } from "./new-user-form";
import { UserRow } from "./user-row";

const COLUMNS = ["Name", "Email", "Roles", "Status", "Created", ACTIONS_COLUMN];

export function UsersPage() {
  const trpc = useTRPC();
  const { user: me } = useCurrentUser();
  const users = useQuery(trpc.users.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

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
          }}
        />
      ) : null}
      {users.error ? <ErrorNotice error={users.error} title="Could not load the users." /> : null}
      {users.data ? (
        <DataTable label="Users" columns={COLUMNS} wrapClassName="table-wrap section-first">
          <tbody>
            {users.data.map((u) => (
              <UserRow key={u.id} user={u} isSelf={u.id === me.id} />
            ))}
          </tbody>
        </DataTable>
      ) : users.error ? null : (
        <p className="muted">Loading users…</p>
      )}
    </>
  );
}
