"use client";
// An admin sets a new password for a user (who signs in with it next time); checked with the
// same rule as on the server before it is sent.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ZPassword } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { fieldErrorsOf } from "../ui/api-errors";

export function PasswordReset({ userId, email, onDone, onCancel }: { userId: string; email: string; onDone: () => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = `new-password-${userId}`;
  const errorId = `password-error-${userId}`;

  async function confirm(event: FormEvent) {
    event.preventDefault();
    const checked = ZPassword.safeParse(password);
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? "not a valid password");
    try {
      await reset.mutateAsync({ id: userId, password });
      onDone();
    } catch (e) {
      setError(fieldErrorsOf(e)?.map((f) => f.message).join("; ") ?? (e instanceof Error ? e.message : "Not changed."));
    }
  }

  return (
    <form className="inline-form" onSubmit={confirm} noValidate>
      <label htmlFor={inputId} className="visually-hidden">
        New password for {email}
      </label>
      <input
        id={inputId}
        type="password"
        autoComplete="new-password"
        autoFocus
        placeholder="New password"
        value={password}
        onChange={(e) => { setPassword(e.target.value); setError(null); }}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
      />
      <button type="submit" className="button button-danger button-small" disabled={reset.isPending}>
        Confirm
      </button>
      <button type="button" className="button button-quiet button-small" onClick={onCancel}>
        Cancel
      </button>
      {error ? (
        <p id={errorId} className="field-error" role="alert" data-testid="field-error-password">
          {error}
        </p>
      ) : null}
    </form>
  );
}
