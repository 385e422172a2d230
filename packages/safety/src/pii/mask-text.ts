// Masks personal data and secrets in a text: "mail me at jo@x.org" -> "mail me at [EMAIL]".
import { PII_LABELS, type PiiKind } from "./detectors.ts";
import { findPiiSpans, type PiiSpan } from "./find.ts";

export function maskPii(text: string): string {
  if (text.length < 6) return text;
  return applySpans(text, findPiiSpans(text), 0, text.length);
}

/** The kinds of PII a text holds, without their values. */
export function piiKinds(text: string): PiiKind[] {
  return [...new Set(findPiiSpans(text).map((s) => s.kind))];
}

/** text[from, to) with the spans inside it replaced by their labels. */
export function applySpans(text: string, spans: readonly PiiSpan[], from: number, to: number): string {
  let out = "";
  let at = from;
  for (const span of spans) {
    if (span.start < from || span.end > to) continue;
    out += text.slice(at, span.start) + PII_LABELS[span.kind];
    at = span.end;
  }
  return out + text.slice(at, to);
}
