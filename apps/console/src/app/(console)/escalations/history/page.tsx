import type { Metadata } from "next";
import { Suspense } from "react";
import { HistoryPage } from "@/components/escalations/history-page";

export const metadata: Metadata = { title: "Escalation history" };

// The filters are read from the URL (useSearchParams), which needs a Suspense boundary to build.
export default function Page() {
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <HistoryPage />
    </Suspense>
  );
}
