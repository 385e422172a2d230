"use client";
// The Revisions page: the history, the working copy's download (admins and operators) and the
// upload of a configuration file (admins).
import { useCurrentUser } from "../current-user";
import { ConfigUpload } from "./config-upload";
import { DownloadConfigButton } from "./download-config-button";
import { RevisionList } from "./revision-list";

export function RevisionsPage() {
  const { user, isAdmin } = useCurrentUser();
  const canDownload = isAdmin || user.roles.includes("operator");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Revisions</h1>
          <p className="muted">Every publish and rollback is an immutable revision. Open one to see its changes or roll back to it.</p>
        </div>
        {canDownload ? (
          <div className="head-controls">
            <DownloadConfigButton label="Download working copy (YAML)" />
          </div>
        ) : null}
      </div>
      <RevisionList />
      {isAdmin ? <ConfigUpload /> : null}
    </>
  );
}
