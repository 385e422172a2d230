"use client";
// Rate-limit and auth policies of the working configuration. Like routes, changes here go live
// through Publish; the banner notices them too.
import Link from "next/link";
import { useCurrentUser } from "../current-user";
import { PublishBanner } from "../routes/publish-banner";
import { AuthTable } from "./auth-table";
import { RateLimitTable } from "./rate-limit-table";

export function PoliciesPage() {
  const { isAdmin } = useCurrentUser();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Policies</h1>
          <p className="muted">How requests are limited and how their tokens are verified. Routes choose their policies; changes reach the gateways when they are published.</p>
        </div>
      </div>
      <PublishBanner />
      <section className="section section-first" aria-labelledby="rate-limit-heading">
        <div className="section-head">
          <h2 id="rate-limit-heading">Rate-limit policies</h2>
          {isAdmin ? (
            <Link href="/policies/rate-limit/new" className="button button-primary">
              New rate-limit policy
            </Link>
          ) : null}
        </div>
        <RateLimitTable />
      </section>
      <section className="section" aria-labelledby="auth-heading">
        <div className="section-head">
          <h2 id="auth-heading">Auth policies</h2>
          {isAdmin ? (
            <Link href="/policies/auth/new" className="button button-primary">
              New auth policy
            </Link>
          ) : null}
        </div>
        <AuthTable />
      </section>
    </>
  );
}
