// A Transform that masks PII in a response body as it passes: JSON bodies field-aware, anything
// else as text. Memory stays bounded whatever the body size (see maxBuffered); the masked body
// has a different length, so whoever pipes it must drop Content-Length.
import { StringDecoder } from "node:string_decoder";
import { Transform, type TransformCallback } from "node:stream";
import { JsonMasker } from "./json-masker.ts";
import { TextMaskCarry } from "./text-carry.ts";

export type MaskMode = "json" | "text" | "auto";

interface Masker {
  write(text: string): string;
  end(): string;
  readonly buffered: number;
}

class TextMasker implements Masker {
  private readonly carry = new TextMaskCarry();
  get buffered() {
    return this.carry.buffered;
  }
  write(text: string) {
    return this.carry.push(text);
  }
  end() {
    return this.carry.end();
  }
}

export class PiiMaskStream extends Transform {
  private readonly decoder = new StringDecoder("utf8");
  private masker: Masker | null;
  private lead = "";
  private peak = 0;

  constructor(readonly mode: MaskMode = "auto") {
    super();
    this.masker = mode === "json" ? new JsonMasker() : mode === "text" ? new TextMasker() : null;
  }

  /** The most characters held at any moment: bounded, however large the body. */
  get maxBuffered(): number {
    return this.peak;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.feed(typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.feed(this.decoder.end());
    const masker = this.masker ?? new TextMasker();
    const out = masker.write(this.lead) + masker.end();
    this.lead = "";
    if (out) this.push(out);
    callback();
  }

  private feed(text: string): void {
    if (!this.masker) {
      // auto: leading whitespace decides nothing; the first other character does.
      this.lead += text;
      const first = this.lead.trimStart()[0];
      if (first === undefined) return;
      this.masker = first === "{" || first === "[" ? new JsonMasker() : new TextMasker();
      text = this.lead;
      this.lead = "";
    }
    const out = this.masker.write(text);
    this.peak = Math.max(this.peak, this.masker.buffered);
    if (out) this.push(out);
  }
}

export function createPiiMaskStream(mode: MaskMode = "auto"): PiiMaskStream {
  return new PiiMaskStream(mode);
}
