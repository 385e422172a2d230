import type { Metadata } from "next";
import { RevisionList } from "@/components/revisions/revision-list";

export const metadata: Metadata = { title: "Revisions" };

export default function Page() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Revisions</h1>
          <p className="muted">Every publish and rollback is an immutable revision. Open one to see its changes or roll back to it.</p>
        </div>
      </div>
      <RevisionList />
    </>
  );
}
