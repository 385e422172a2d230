import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditPage } from "@/components/audit/audit-page";

export const metadata: Metadata = { title: "Audit log" };

// The filters are read from the URL (useSearchParams), which needs a Suspense boundary to build.
export default function Page() {
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <AuditPage />
    </Suspense>
  );
}
