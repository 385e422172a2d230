// The merged answer of an aggregation route: each part's JSON under its key, in the parts' order,
// then "_aggregate": { complete, failed, fallback }:
//   complete  every part's answer came from its service
//   failed    the keys of parts whose service failed (an optional one is left out of the answer)
//   fallback  the keys, among those, answered with their static fallback instead
// A required part that failed without a fallback fails the whole request (the first such, by order).
import { AGGREGATE_META_KEY } from "@tta/domain";
import type { CompiledAggregatePart } from "../../config/compiled.ts";
import type { PartResult } from "./part-result.ts";

export interface PartOutcome {
  readonly part: CompiledAggregatePart;
  readonly result: PartResult;
}

export interface AggregateMeta {
  complete: boolean;
  failed: string[];
  fallback: string[];
}

export type Merged =
  | { readonly kind: "answer"; readonly body: Record<string, unknown>; readonly meta: AggregateMeta }
  | { readonly kind: "failed"; readonly part: CompiledAggregatePart; readonly result: Extract<PartResult, { ok: false }>; readonly failed: string[] };

export function merge(outcomes: readonly PartOutcome[]): Merged {
  const body: Record<string, unknown> = {};
  const meta: AggregateMeta = { complete: true, failed: [], fallback: [] };
  let fatal: { part: CompiledAggregatePart; result: Extract<PartResult, { ok: false }> } | null = null;
  for (const { part, result } of outcomes) {
    if (result.ok) {
      body[part.key] = result.value;
      continue;
    }
    meta.complete = false;
    meta.failed.push(part.key);
    if (part.fallback !== null) {
      body[part.key] = part.fallback;
      meta.fallback.push(part.key);
    } else if (part.required) fatal ??= { part, result };
  }
  if (fatal) return { kind: "failed", ...fatal, failed: meta.failed };
  body[AGGREGATE_META_KEY] = meta;
  return { kind: "answer", body, meta };
}
