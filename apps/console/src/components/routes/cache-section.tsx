"use client";
// The route form's Caching section: the whole cache policy (ZCachePolicy), shown once caching is
// on. What the upstream says (Cache-Control, Vary) is honoured; these settings bound it.
import { CheckboxGroup } from "../ui/checkbox-group";
import { CACHE_STATUS_OPTIONS, PARTITION_TEXT, type CachePartition } from "./cache-form-state";
import { Field, FieldError } from "./field";
import type { RouteField, RouteFormState, StateField } from "./route-form-state";

type CacheTextKey = "cacheTtlSeconds" | "cacheMaxTtlSeconds" | "cacheKeyQuery" | "cacheKeyHeaders" | "cacheMaxObjectBytes" | "cacheCoalesceWaitMs" | "cacheStaleIfErrorSeconds";

export interface CacheSectionProps {
  state: RouteFormState;
  set: <F extends StateField>(key: F, value: RouteFormState[F]) => void;
  touch: (key: RouteField) => () => void;
  errorOf: (key: RouteField) => string | undefined;
}

const PARTITIONS = Object.keys(PARTITION_TEXT) as CachePartition[];

export function CacheSection({ state, set, touch, errorOf }: CacheSectionProps) {
  const text = (key: CacheTextKey) => ({ value: state[key], onChange: (e: { target: { value: string } }) => set(key, e.target.value), onBlur: touch(key) });
  // A status the stored policy has beyond the usual list stays shown, so it can be unchecked.
  const statusOptions = [...new Set([...CACHE_STATUS_OPTIONS, ...state.cacheStatuses])].sort();
  return (
    <section className="form-section" aria-labelledby="caching-heading">
      <h2 id="caching-heading">Caching</h2>
      <label className="checkbox">
        <input type="checkbox" name="cacheOn" checked={state.cacheOn} onChange={(e) => set("cacheOn", e.target.checked)} />
        Cache answers in the gateways&apos; shared cache
      </label>
      {state.cacheOn ? (
        <>
          <p className="hint" style={{ margin: "0.5rem 0 0.75rem" }}>
            GET and HEAD answers are stored as the upstream&apos;s Cache-Control allows (private, no-store and Set-Cookie are never shared). Empty fields take the
            default shown.
          </p>
          <div className="grid-2">
            <Field name="cacheTtlSeconds" label="Default TTL (s)" error={errorOf("cacheTtlSeconds")} hint="For answers that give no freshness of their own; the upstream's Cache-Control (max-age, s-maxage) wins. 0: only what the upstream says.">
              {(a) => <input {...a} type="number" min={0} step={1} placeholder="0" {...text("cacheTtlSeconds")} />}
            </Field>
            <Field name="cacheMaxTtlSeconds" label="Max TTL (s)" error={errorOf("cacheMaxTtlSeconds")} hint="No answer stays fresh longer, whatever the upstream says.">
              {(a) => <input {...a} type="number" min={1} step={1} placeholder="86400" {...text("cacheMaxTtlSeconds")} />}
            </Field>
            <Field name="cacheMaxObjectBytes" label="Max object size (bytes)" error={errorOf("cacheMaxObjectBytes")} hint="Larger answers stream through uncached. At most 64 MiB.">
              {(a) => <input {...a} type="number" min={1} step={1} placeholder="1048576" {...text("cacheMaxObjectBytes")} />}
            </Field>
            <Field name="cacheCoalesceWaitMs" label="Coalescing wait (ms)" error={errorOf("cacheCoalesceWaitMs")} hint="Requests for a missing answer wait this long for the one fetch under way. 0: no waiting.">
              {(a) => <input {...a} type="number" min={0} max={60000} step={100} placeholder="5000" {...text("cacheCoalesceWaitMs")} />}
            </Field>
            <Field name="cacheStaleIfErrorSeconds" label="Stale if error (s)" error={errorOf("cacheStaleIfErrorSeconds")} hint="How long past freshness a stored answer may stand in when the upstream fails. 0: only what the upstream allows.">
              {(a) => <input {...a} type="number" min={0} max={86400} step={1} placeholder="0" {...text("cacheStaleIfErrorSeconds")} />}
            </Field>
            <Field name="cacheKeyHeaders" label="Key headers" error={errorOf("cacheKeyHeaders")} hint="Request headers that make answers differ, besides those the upstream's Vary names. Comma-separated, e.g. accept-language.">
              {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("cacheKeyHeaders")} />}
            </Field>
          </div>
          <CheckboxGroup
            name="cacheStatuses"
            legend="Cacheable statuses"
            options={statusOptions}
            checked={state.cacheStatuses}
            onChange={(statuses) => set("cacheStatuses", statuses)}
            hint="302 and 307 only with explicit freshness from the upstream."
            error={errorOf("cacheStatuses")}
          />
          <fieldset className="methods" aria-describedby="hint-cacheKeyQueryMode">
            <legend>Query in the cache key</legend>
            <div className="checkbox-row">
              <label className="checkbox">
                <input type="radio" name="cacheKeyQueryMode" value="all" checked={state.cacheKeyQueryMode === "all"} onChange={() => set("cacheKeyQueryMode", "all")} />
                The whole query
              </label>
              <label className="checkbox">
                <input type="radio" name="cacheKeyQueryMode" value="chosen" checked={state.cacheKeyQueryMode === "chosen"} onChange={() => set("cacheKeyQueryMode", "chosen")} />
                Only these parameters
              </label>
            </div>
            <p id="hint-cacheKeyQueryMode" className="hint">
              With chosen names, other parameters (tracking tags, cache busters) share one stored answer.
            </p>
          </fieldset>
          {state.cacheKeyQueryMode === "chosen" ? (
            <div className="grid-2" style={{ marginTop: "0.5rem" }}>
              <Field name="cacheKeyQuery" label="Key query parameters" error={errorOf("cacheKeyQuery")} hint="Comma-separated, e.g. page, lang. None: the query is ignored.">
                {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} {...text("cacheKeyQuery")} />}
              </Field>
            </div>
          ) : (
            <FieldError name="cacheKeyQuery" error={errorOf("cacheKeyQuery")} />
          )}
          <fieldset className="methods">
            <legend>Partition</legend>
            <div className="radio-list">
              {PARTITIONS.map((p) => (
                <label key={p} className="checkbox">
                  <input type="radio" name="cachePartition" value={p} checked={state.cachePartition === p} onChange={() => set("cachePartition", p)} />
                  <span>{PARTITION_TEXT[p]}</span>
                </label>
              ))}
            </div>
            <FieldError name="cachePartition" error={errorOf("cachePartition")} />
          </fieldset>
        </>
      ) : null}
    </section>
  );
}
