// Masks a text that arrives in pieces. Holds back a bounded tail (longer than any PII match can
// be) so that an email or card number cut in two by a chunk boundary is still seen whole; keeps a
// little of what it already emitted as look-behind context. Memory: under DRAIN_AT plus one chunk.
import { MAX_PII_MATCH } from "../pii/detectors.ts";
import { findPiiSpans } from "../pii/find.ts";
import { applySpans } from "../pii/mask-text.ts";

const CONTEXT = 64;
export const HOLD = MAX_PII_MATCH + CONTEXT;
/** Work in slices of about 32 KiB: the held tail is scanned twice, so it should stay a small part. */
export const DRAIN_AT = HOLD + 32 * 1024;

export class TextMaskCarry {
  private context = "";
  private pending = "";

  get buffered(): number {
    return this.context.length + this.pending.length;
  }

  /** Masked text that is safe to emit now (possibly empty). */
  push(text: string): string {
    this.pending += text;
    return this.pending.length < DRAIN_AT ? "" : this.drain(false);
  }

  /** Everything still held, masked; the carry is empty (and reusable) afterwards. */
  end(): string {
    const out = this.pending ? this.drain(true) : "";
    this.context = "";
    this.pending = "";
    return out;
  }

  private drain(final: boolean): string {
    const buf = this.context + this.pending;
    const from = this.context.length;
    const spans = findPiiSpans(buf, from);
    let cut = final ? buf.length : buf.length - HOLD;
    // A match that straddles the cut is decided next time, with the text after it in view.
    if (!final) for (const s of spans) if (s.matchStart < cut && s.end > cut) cut = Math.min(cut, s.matchStart);
    const out = applySpans(buf, spans, from, cut);
    this.context = buf.slice(Math.max(0, cut - CONTEXT), cut);
    this.pending = buf.slice(cut);
    return out;
  }
}
