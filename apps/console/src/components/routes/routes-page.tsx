"use client";
import Link from "next/link";
import { useCurrentUser } from "../current-user";
import { PublishBanner } from "./publish-banner";
import { RoutesTable } from "./routes-table";

export function RoutesPage() {
  const { isAdmin } = useCurrentUser();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Routes</h1>
          <p className="muted">The working configuration. Changes reach the gateways when they are published.</p>
        </div>
        {isAdmin ? (
          <Link href="/routes/new" className="button button-primary">
            New route
          </Link>
        ) : null}
      </div>
      <PublishBanner />
      <RoutesTable />
    </>
  );
}
