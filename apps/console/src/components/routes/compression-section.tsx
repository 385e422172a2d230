"use client";
// The route form's Compression section: whether the gateway compresses this route's answers (br /
// gzip by the client's Accept-Encoding), from what size, which content types, and the BREACH
// switch for answers to requests with credentials.
import { CheckboxGroup } from "../ui/checkbox-group";
import { ALGORITHM_OPTIONS } from "./compression-form-state";
import { Field, FieldError } from "./field";
import type { RouteField, RouteFormState, StateField } from "./route-form-state";

export interface CompressionSectionProps {
  state: RouteFormState;
  set: <F extends StateField>(key: F, value: RouteFormState[F]) => void;
  touch: (key: RouteField) => () => void;
  errorOf: (key: RouteField) => string | undefined;
}

export function CompressionSection({ state, set, touch, errorOf }: CompressionSectionProps) {
  return (
    <section className="form-section" aria-labelledby="compression-heading">
      <h2 id="compression-heading">Compression</h2>
      <label className="checkbox">
        <input type="checkbox" name="compressionOn" checked={state.compressionOn} onChange={(e) => set("compressionOn", e.target.checked)} />
        Compress answers for clients that accept it
      </label>
      {state.compressionOn ? (
        <>
          <p className="hint" style={{ margin: "0.5rem 0 0.75rem" }}>
            The gateway asks the upstream for uncompressed answers and compresses them itself, as they stream (cache hits too). Answers already encoded, marked
            no-transform, partial (ranges) or of other types go out as they are.
          </p>
          <CheckboxGroup
            name="compressionAlgorithms"
            legend="Algorithms"
            options={ALGORITHM_OPTIONS}
            checked={state.compressionAlgorithms}
            onChange={(algorithms) => set("compressionAlgorithms", algorithms)}
            hint="The client's Accept-Encoding picks among them; br when it weighs both alike."
            error={errorOf("compressionAlgorithms")}
          />
          <div className="grid-2">
            <Field name="compressionMinBytes" label="Minimum size (bytes)" error={errorOf("compressionMinBytes")} hint="Answers whose Content-Length is smaller go out as they are; a streamed answer of unknown length is compressed.">
              {(a) => (
                <input
                  {...a}
                  type="number"
                  min={0}
                  step={1}
                  placeholder="1024"
                  value={state.compressionMinBytes}
                  onChange={(e) => set("compressionMinBytes", e.target.value)}
                  onBlur={touch("compressionMinBytes")}
                />
              )}
            </Field>
            <Field name="compressionContentTypes" label="Content types" error={errorOf("compressionContentTypes")} hint="One per line: application/json, text/* or application/*+json. Server-sent events (text/event-stream) only if listed.">
              {(a) => (
                <textarea
                  {...a}
                  rows={5}
                  spellCheck={false}
                  className="mono"
                  value={state.compressionContentTypes}
                  onChange={(e) => set("compressionContentTypes", e.target.value)}
                  onBlur={touch("compressionContentTypes")}
                />
              )}
            </Field>
          </div>
          <label className="checkbox">
            <input type="checkbox" name="compressionCredentialed" checked={state.compressionCredentialed} onChange={(e) => set("compressionCredentialed", e.target.checked)} />
            Also compress answers to requests with cookies or an Authorization header, and answers that set cookies
          </label>
          <p className="hint" id="hint-compressionCredentialed">
            Off by default (BREACH): a compressed answer that holds a user&apos;s secret next to text an attacker chose can give the secret away by its length. Turn
            on only when this route&apos;s answers never reflect request input next to secrets; answers marked Cache-Control: public are compressed either way.
          </p>
          <FieldError name="compressionCredentialed" error={errorOf("compressionCredentialed")} />
        </>
      ) : null}
    </section>
  );
}
