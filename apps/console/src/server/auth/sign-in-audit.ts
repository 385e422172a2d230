// Every sign-in is audited, the failed ones too (a run of them is how a password-guessing attempt
// shows). What the visitor typed is kept only when it names a real account: a password typed into
// the email field by mistake must not end up in the log.
import { writeAudit, type Db } from "@tta/db";
import { newId } from "@tta/domain";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string } }
  | { ok: false; reason: "unknown_email" | "wrong_password" | "disabled" | "missing_fields"; user: { id: string; name: string; email: string } | null };

export const SIGN_IN_ACTIONS = { ok: "auth.sign_in", failed: "auth.sign_in_failed" } as const;

export async function auditSignIn(db: Db, outcome: SignInOutcome, client: { ip: string | null }): Promise<void> {
  const user = outcome.user;
  await db.$transaction((tx) =>
    writeAudit(tx, {
      actor: user ? { id: user.id, label: user.name } : { id: null, label: "anonymous" },
      action: outcome.ok ? SIGN_IN_ACTIONS.ok : SIGN_IN_ACTIONS.failed,
      entityType: "user",
      entityId: user?.id ?? null,
      after: { method: "password", email: user?.email ?? null, ...(outcome.ok ? {} : { reason: outcome.reason }), ip: client.ip },
      correlationId: newId("request"),
    }),
  );
}
