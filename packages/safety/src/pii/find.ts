// Finds the PII spans of a text: every detector, overlaps resolved by detector priority, sorted by
// position. `from` lets the streaming masker look back at already emitted text for context.
import { DETECTORS, type PiiKind } from "./detectors.ts";

export interface PiiSpan {
  kind: PiiKind;
  /** Where the detector's match starts (its kept context included). */
  matchStart: number;
  /** The masked part. */
  start: number;
  end: number;
}

// Every detector needs a digit, an @, a long unbroken run or a credential word: text with none of
// them (most chat turns) skips the detectors.
const DIGIT_OR_AT = /[0-9@]/;
const CREDENTIAL_WORD = /bearer|basic|token|pass|pwd|secret|key|begin/i;

function mayHoldPii(text: string): boolean {
  if (DIGIT_OR_AT.test(text)) return true;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const inRun = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 43 || c === 47 || c === 45;
    run = inRun ? run + 1 : 0;
    if (run >= 20) return true;
  }
  return CREDENTIAL_WORD.test(text);
}

export function findPiiSpans(text: string, from = 0): PiiSpan[] {
  const accepted: PiiSpan[] = [];
  if (!mayHoldPii(from === 0 ? text : text.slice(Math.max(0, from - 64)))) return accepted;
  for (let priority = 0; priority < DETECTORS.length; priority++) {
    const d = DETECTORS[priority]!;
    d.regex.lastIndex = from;
    for (let m = d.regex.exec(text); m; m = d.regex.exec(text)) {
      const keep = d.keep ? d.keep(m) : 0;
      if (keep >= 0) {
        const start = m.index + keep;
        const end = d.length ? start + d.length(m, keep) : m.index + m[0].length;
        if (end > start) insertIfFree(accepted, { kind: d.kind, matchStart: m.index, start, end });
      }
      if (m[0].length === 0) d.regex.lastIndex++;
    }
  }
  return accepted;
}

/** `spans` is sorted and non-overlapping: only the neighbours of the insertion point can overlap. */
function insertIfFree(spans: PiiSpan[], span: PiiSpan): void {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const before = spans[lo - 1];
  const after = spans[lo];
  if ((before && before.end > span.start) || (after && after.start < span.end)) return;
  spans.splice(lo, 0, span);
}
