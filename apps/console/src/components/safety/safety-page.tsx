"use client";
// /safety (admins): the safety rules editor and the "try a message" box, under the publish banner
// (saved rules go live with the next publish, like routes).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { PublishBanner } from "../routes/publish-banner";
import { ErrorNotice } from "../ui/error-notice";
import type { DraftCheck } from "./rules-draft";
import { RulesEditor } from "./rules-editor";
import { TryMessage } from "./try-message";

export function SafetyPage() {
  const { isAdmin } = useCurrentUser();
  if (!isAdmin) {
    return (
      <>
        <h1>Safety rules</h1>
        <div className="notice notice-error" role="alert" data-testid="safety-admins-only">
          <strong>Not allowed.</strong> The safety rules are edited by admins.
        </div>
      </>
    );
  }
  return <SafetyRules />;
}

function SafetyRules() {
  const trpc = useTRPC();
  const rules = useQuery(trpc.safety.rules.get.queryOptions());
  const [draft, setDraft] = useState<unknown | undefined>(undefined);
  const onDraft = (check: DraftCheck, dirty: boolean) => setDraft(dirty && check.kind === "valid" ? check.value : undefined);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Safety rules</h1>
          <p className="muted">What the gateway's safety scan looks for: crisis signals, content categories, and the cues that cancel a match.</p>
        </div>
      </div>
      <PublishBanner />
      {rules.error ? <ErrorNotice error={rules.error} title="Could not load the rules." /> : null}
      {rules.data ? (
        <div className="rules-layout">
          <RulesEditor key={rules.data.updatedAt?.getTime() ?? "defaults"} record={rules.data} onDraft={onDraft} />
          <TryMessage draftRules={draft} />
        </div>
      ) : rules.error ? null : (
        <p className="muted">Loading…</p>
      )}
    </>
  );
}
