"use client";
import { signIn } from "next-auth/react";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { safeRedirectPath } from "@/security/safe-redirect";

export function SignInForm() {
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(params.get("error") ? "Sign-in failed. Check your email and password." : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(result?.error === "CredentialsSignin" || result?.status === 401 ? "Email or password is incorrect." : "Sign-in failed. Try again.");
        setPending(false);
        return;
      }
      // A full navigation, so the server layout sees the new session cookie. A crafted
      // ?callbackUrl= must not send the user to another origin. Without one it is "/", which
      // sends each user to their role's start page (components/nav/landing-path.ts).
      window.location.assign(safeRedirectPath(params.get("callbackUrl"), window.location.origin));
    } catch {
      setError("Could not reach the console. Try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="form" noValidate aria-describedby={error ? "signin-error" : undefined}>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {error ? (
        <p id="signin-error" className="notice notice-error" role="alert" data-testid="signin-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
