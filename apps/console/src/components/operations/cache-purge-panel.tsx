"use client";
// Admins' purge of the gateways' shared HTTP cache beyond one route (a route's own purge is on the
// Routes page): by tag, by user ("forget this user"), by host and path, or everything. Forgetting a
// user and purging everything ask to confirm first; each shows how many stored answers went.
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toFieldErrors, ZCachePurgeInput, type TCachePurgeInput } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { Field } from "../routes/field";
import { ErrorNotice } from "../ui/error-notice";

type By = Exclude<TCachePurgeInput["by"], "route">;

const SCOPES: Array<{ by: By; label: string }> = [
  { by: "tag", label: "By tag" },
  { by: "user", label: "By user" },
  { by: "path", label: "By URL" },
  { by: "all", label: "Everything" },
];

/** What a purge asks to confirm, or null when it goes at once. */
function confirmText(scope: TCachePurgeInput): string | null {
  if (scope.by === "user") return `This removes every stored answer for user ${scope.user} on every route. Forget this user?`;
  if (scope.by === "all") return "This removes every stored answer on every route, for every user. Purge everything?";
  return null;
}

function describe(scope: TCachePurgeInput): string {
  if (scope.by === "tag") return `tagged ${scope.tag}`;
  if (scope.by === "user") return `of user ${scope.user}`;
  if (scope.by === "path") return `of ${scope.host}${scope.path}`;
  if (scope.by === "route") return `of ${scope.route}`;
  return "in all";
}

export function CachePurgePanel() {
  const trpc = useTRPC();
  const purge = useMutation(trpc.cache.purge.mutationOptions());
  const [by, setBy] = useState<By>("tag");
  const [values, setValues] = useState({ tag: "", user: "", host: "", path: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<{ scope: TCachePurgeInput; text: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const scope = (): TCachePurgeInput => (by === "all" ? { by } : by === "path" ? { by, host: values.host, path: values.path } : by === "tag" ? { by, tag: values.tag } : { by, user: values.user });
  const field = (key: keyof typeof values) => ({ value: values[key], onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value })) });

  function run(s: TCachePurgeInput) {
    setConfirming(null);
    purge.mutate(s, { onSuccess: ({ purged }) => setDone(`Purged ${purged === 1 ? "1 stored answer" : `${purged} stored answers`} ${describe(s)}.`) });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    purge.reset();
    const parsed = ZCachePurgeInput.safeParse(scope());
    if (!parsed.success) {
      setErrors(Object.fromEntries(toFieldErrors(parsed.error).map((e) => [e.path, e.message])));
      return;
    }
    setErrors({});
    const text = confirmText(parsed.data);
    if (text) setConfirming({ scope: parsed.data, text });
    else run(parsed.data);
  }

  return (
    <form className="cache-purge form-section" onSubmit={onSubmit} noValidate aria-labelledby="cache-purge-heading">
      <h3 id="cache-purge-heading">Purge the cache</h3>
      <div className="segmented" role="radiogroup" aria-label="Purge by">
        {SCOPES.map((s) => (
          <label key={s.by} className={by === s.by ? "segment active" : "segment"}>
            <input
              type="radio"
              name="purge-by"
              value={s.by}
              checked={by === s.by}
              onChange={() => {
                setBy(s.by);
                setConfirming(null);
                setErrors({});
              }}
            />
            {s.label}
          </label>
        ))}
      </div>
      {by === "tag" ? (
        <Field name="tag" idPrefix="purge" label="Tag" error={errors.tag} hint="A tag the upstream sent in Surrogate-Key or Cache-Tag.">
          {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...field("tag")} />}
        </Field>
      ) : null}
      {by === "user" ? (
        <Field name="user" idPrefix="purge" label="User id" error={errors.user} hint="The token's subject: every answer stored for this user, on every route, is removed.">
          {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...field("user")} />}
        </Field>
      ) : null}
      {by === "path" ? (
        <div className="field-row">
          <Field name="host" idPrefix="purge" label="Host" error={errors.host} hint="As clients send it, e.g. api.tta.dev.">
            {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...field("host")} />}
          </Field>
          <Field name="path" idPrefix="purge" label="Path" error={errors.path} hint="Every query and variant of it, e.g. /api/players/42.">
            {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} placeholder="/api/…" {...field("path")} />}
          </Field>
        </div>
      ) : null}
      {by === "all" ? <p className="hint">Every stored answer of every route, on every gateway sharing the store.</p> : null}
      {confirming ? (
        <div className="inline-confirm notice notice-warning" role="group" aria-label="Confirm the purge">
          <span>{confirming.text}</span>
          <button type="button" className="button button-danger button-small" onClick={() => run(confirming.scope)}>
            Confirm
          </button>
          <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={purge.isPending}>
            {by === "user" ? "Forget this user" : by === "all" ? "Purge everything" : "Purge"}
          </button>
        </div>
      )}
      {purge.error ? <ErrorNotice error={purge.error} title="The cache was not purged." /> : null}
      {done ? (
        <p className="notice notice-success" role="status" data-testid="cache-purge-result">
          {done}
        </p>
      ) : null}
    </form>
  );
}
