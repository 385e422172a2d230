"use client";
// One console user with the admin's actions: edit roles, disable/enable, reset the password.
// Nobody is offered to disable themselves; the server refuses it (and self-demotion) anyway.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TRole, TUserRecord } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { fieldErrorsOf } from "../ui/api-errors";
import { formatTime } from "../ui/format";
import { PasswordReset } from "./password-reset";
import { RoleCheckboxes } from "./role-checkboxes";

type Mode = "view" | "roles" | "password";

export function UserRow({ user, isSelf }: { user: TUserRecord; isSelf: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>("view");
  const [roles, setRoles] = useState<TRole[]>(user.roles);
  const [notice, setNotice] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const done = (text: string) => {
    setMode("view");
    setNotice({ kind: "success", text });
    return queryClient.invalidateQueries();
  };
  const failed = (error: unknown) => {
    const fields = fieldErrorsOf(error);
    setNotice({ kind: "error", text: fields ? fields.map((f) => f.message).join("; ") : error instanceof Error ? error.message : "Not changed." });
  };
  const saveRoles = useMutation(trpc.users.setRoles.mutationOptions({ onSuccess: () => done("Roles saved."), onError: failed }));
  const setDisabled = useMutation(
    trpc.users.setDisabled.mutationOptions({ onSuccess: (u) => done(u.disabled ? "Disabled: signed out at once." : "Enabled."), onError: failed }),
  );

  const who = user.email;
  return (
    <tr data-testid={`user-row-${who}`} className={user.disabled ? "row-disabled" : undefined}>
      <td className="strong">
        {user.name} {isSelf ? <span className="tag">you</span> : null}
      </td>
      <td>{who}</td>
      <td>
        {mode === "roles" ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              setNotice(null);
              saveRoles.mutate({ id: user.id, roles });
            }}
          >
            <RoleCheckboxes legend={`Roles of ${who}`} value={roles} onChange={setRoles} locked={isSelf ? ["admin"] : undefined} />
            <button type="submit" className="button button-primary button-small" disabled={saveRoles.isPending}>
              Save roles
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => { setMode("view"); setRoles(user.roles); }}>
              Cancel
            </button>
          </form>
        ) : (
          user.roles.join(", ")
        )}
      </td>
      <td>{user.disabled ? <span className="tag">disabled</span> : <span className="tag tag-live">active</span>}</td>
      <td className="muted">
        <time dateTime={user.createdAt.toISOString()}>{formatTime(user.createdAt)}</time>
      </td>
      <td className="actions">
        {mode === "password" ? (
          <PasswordReset userId={user.id} email={who} onDone={() => done("Password reset. Their next sign-in needs the new one.")} onCancel={() => setMode("view")} />
        ) : mode === "view" ? (
          <>
            <button type="button" className="button button-quiet button-small" aria-label={`Edit roles ${who}`} onClick={() => { setNotice(null); setRoles(user.roles); setMode("roles"); }}>
              Roles
            </button>
            <button type="button" className="button button-quiet button-small" aria-label={`Reset password ${who}`} onClick={() => { setNotice(null); setMode("password"); }}>
              Reset password
            </button>
            {isSelf ? null : (
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={`${user.disabled ? "Enable" : "Disable"} ${who}`}
                disabled={setDisabled.isPending}
                onClick={() => { setNotice(null); setDisabled.mutate({ id: user.id, disabled: !user.disabled }); }}
              >
                {user.disabled ? "Enable" : "Disable"}
              </button>
            )}
          </>
        ) : null}
        {notice ? (
          <p className={notice.kind === "error" ? "field-error" : "muted"} role={notice.kind === "error" ? "alert" : "status"} data-testid={`user-notice-${who}`}>
            {notice.text}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
