"use client";
// The upstream services of the working configuration. Like routes and policies, changes here go
// live through Publish; the banner notices them too.
import Link from "next/link";
import { useCurrentUser } from "../current-user";
import { PublishBanner } from "../routes/publish-banner";
import { ServicesTable } from "./services-table";

export function ServicesPage() {
  const { isAdmin } = useCurrentUser();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Services</h1>
          <p className="muted">The upstreams routes send traffic to, with their static instances, health checks and breakers. Changes reach the gateways when they are published.</p>
        </div>
        {isAdmin ? (
          <Link href="/services/new" className="button button-primary">
            New service
          </Link>
        ) : null}
      </div>
      <PublishBanner />
      <ServicesTable />
    </>
  );
}
