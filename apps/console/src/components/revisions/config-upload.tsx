"use client";
// Upload a configuration file (admins): choose or paste the YAML, check it (field errors with the
// file's paths and lines), see what it changes against the working copy and against the live
// revision, then apply it to the working copy, or apply and publish it in one transaction.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ChangeEvent, type FormEvent } from "react";
import type { TConfigImportPreview } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { FieldError as FieldErrorText } from "../routes/field";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";
import { DiffView } from "./diff-view";
import { SafetyWeakenings } from "./safety-weakenings";

function FileErrors({ error, title }: { error: unknown; title: string }) {
  const fields = fieldErrorsOf(error)?.filter((e) => e.path !== "message");
  if (!fields?.length) return <ErrorNotice error={error} title={title} />;
  return (
    <div className="notice notice-error" role="alert" data-testid="import-errors">
      <strong>{title}</strong>
      <ul>
        {fields.map((e) => (
          <li key={`${e.path}:${e.message}`}>
            {e.path ? <code>{e.path}</code> : null}
            {e.path ? ": " : null}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function PreviewDiffs({ preview }: { preview: TConfigImportPreview }) {
  const live = preview.liveNumber === null ? "nothing published yet" : `live revision #${preview.liveNumber}`;
  return (
    <>
      <SafetyWeakenings weakenings={preview.weakenings} against={preview.liveNumber === null ? "the working copy" : live} />
      <p className="muted">
        The file has {preview.counts.services} services, {preview.counts.routes} routes, {preview.counts.rateLimitPolicies} rate-limit and{" "}
        {preview.counts.authPolicies} auth policies.
      </p>
      <section className="section import-diff" data-testid="import-diff-working">
        <h3>Against the working copy</h3>
        {preview.diffWorking.length ? <DiffView diff={preview.diffWorking} /> : <p className="empty">Same configuration as the working copy.</p>}
      </section>
      <section className="section import-diff" data-testid="import-diff-live">
        <h3>Against {live}</h3>
        {preview.diffLive.length ? <DiffView diff={preview.diffLive} /> : <p className="empty">Same configuration as {live}.</p>}
      </section>
    </>
  );
}

export function ConfigUpload() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [yaml, setYaml] = useState("");
  const [message, setMessage] = useState("");
  const [acknowledged, setAcknowledged] = useState(false);
  const preview = useMutation(trpc.config.importPreview.mutationOptions());
  const apply = useMutation(trpc.config.importApply.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));

  function edit(text: string) {
    setYaml(text);
    preview.reset();
    apply.reset();
    setAcknowledged(false);
  }

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) edit(await file.text());
  }

  function check(event: FormEvent) {
    event.preventDefault();
    apply.reset();
    preview.mutate({ yaml });
  }

  const checked = preview.data;
  const messageError = fieldErrorsOf(apply.error)?.find((e) => e.path === "message")?.message;
  const blocked = Boolean(checked?.weakenings.length) && !acknowledged;
  const run = (mode: "working" | "publish") =>
    apply.mutate({ yaml, mode, message: mode === "publish" ? message : undefined, expectedWorkingChecksum: checked?.workingChecksum });
  const done = apply.data;

  return (
    <section className="section config-upload" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a configuration file</h2>
      <p className="muted">
        A file downloaded here (or written by hand) in the <code>tta.gateway/v1</code> format. Entities are matched by name; the file
        replaces the whole working copy. Secrets stay out of files: an auth policy names its environment variable in{" "}
        <code>secretRef</code>.
      </p>
      <form className="form" onSubmit={check} noValidate>
        <div className="field">
          <label htmlFor="config-file">YAML file</label>
          <input id="config-file" type="file" accept=".yaml,.yml,application/yaml,text/yaml,text/plain" onChange={choose} />
        </div>
        <div className="field">
          <label htmlFor="config-yaml">Or paste the YAML</label>
          <textarea id="config-yaml" className="mono" rows={8} spellCheck={false} value={yaml} onChange={(e) => edit(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={!yaml.trim() || preview.isPending}>
            {preview.isPending ? "Checking…" : "Check file"}
          </button>
        </div>
      </form>

      {preview.error ? <FileErrors error={preview.error} title="The file is not valid; nothing was changed." /> : null}

      {checked && !done ? (
        <div className="import-preview" data-testid="import-preview">
          <PreviewDiffs preview={checked} />
          <form className="form publish-form" onSubmit={(e) => { e.preventDefault(); run("publish"); }} noValidate>
            {checked.weakenings.length ? (
              <label className="checkbox-row">
                <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> I have checked the safety changes
                above
              </label>
            ) : null}
            <div className={messageError ? "field field-invalid" : "field"}>
              <label htmlFor="import-message">Message</label>
              <input
                id="import-message"
                type="text"
                placeholder="What does this file change, and why?"
                value={message}
                onChange={(e) => setMessage(e.target.value)}
                aria-invalid={Boolean(messageError)}
                aria-describedby={messageError ? "field-error-message" : undefined}
              />
              <FieldErrorText name="message" error={messageError} />
            </div>
            {apply.error && !messageError ? <FileErrors error={apply.error} title="Nothing was applied." /> : null}
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={apply.isPending || blocked}>
                {apply.isPending && apply.variables?.mode === "publish" ? "Publishing…" : "Apply and publish"}
              </button>
              <button type="button" className="button" disabled={apply.isPending || blocked} onClick={() => run("working")}>
                Apply to working copy
              </button>
            </div>
          </form>
        </div>
      ) : null}

      {done ? (
        <p className="notice notice-success" role="status" data-testid="import-result">
          {done.revision ? (
            <>
              Published revision {done.revision.number} from the file. Gateways pick it up within a second.{" "}
              <Link href={`/revisions/${done.revision.number}`}>Open revision {done.revision.number}</Link>
            </>
          ) : (
            <>
              The working copy now matches the file; nothing is published yet. <Link href="/routes">Review and publish it</Link>
            </>
          )}
        </p>
      ) : null}
    </section>
  );
}
