// Masks a JSON body as it streams: string values (and keys) go through a TextMaskCarry, so a 1 GB
// string is never held whole; values of sensitive fields ("password", "dob"…) are replaced whole;
// numbers that are PII (a card number) become a masked string. Only the container stack, the
// current key (64 chars at most) and the carry are kept. Invalid JSON is still masked, best effort.
import { PII_LABELS, type PiiKind } from "../pii/detectors.ts";
import { maskPii } from "../pii/mask-text.ts";
import { sensitiveKeyKind } from "../pii/sensitive-keys.ts";
import { TextMaskCarry } from "./text-carry.ts";

interface Container {
  object: boolean;
  key: string | null;
}

const MAX_STACK = 512;
const MAX_KEY = 64;
const MAX_BARE = 64;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "\\": "\\", "/": "/" };
const STRING_STOP = /["\\]/g;

const escape = (s: string) => (s ? JSON.stringify(s).slice(1, -1) : "");

export class JsonMasker {
  private stack: Container[] = [];
  private overflow = 0;
  private state: "out" | "str" | "esc" | "uni" = "out";
  private expectKey = false;
  private isKey = false;
  private key = "";
  private lastKey: string | null = null;
  private redact: PiiKind | null = null;
  private readonly carry = new TextMaskCarry();
  private seg = "";
  private uni = "";
  private bare = "";
  private out = "";

  get buffered(): number {
    return this.carry.buffered + this.seg.length + this.bare.length + this.key.length;
  }

  write(chunk: string): string {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === "str") {
        STRING_STOP.lastIndex = i;
        const stop = STRING_STOP.exec(chunk);
        const j = stop ? stop.index : chunk.length;
        this.text(chunk.slice(i, j));
        if (!stop) break;
        i = j + 1;
        if (stop[0] === '"') this.endString();
        else this.state = "esc";
        continue;
      }
      const c = chunk[i++]!;
      if (this.state === "esc") {
        if (c === "u") {
          this.state = "uni";
          this.uni = "";
        } else {
          this.text(ESCAPES[c] ?? c);
          this.state = "str";
        }
      } else if (this.state === "uni") {
        this.uni += c;
        if (this.uni.length === 4) {
          this.text(/^[0-9a-fA-F]{4}$/.test(this.uni) ? String.fromCharCode(parseInt(this.uni, 16)) : `\\u${this.uni}`);
          this.state = "str";
        }
      } else this.outside(c);
    }
    this.flushSegment();
    const out = this.out;
    this.out = "";
    return out;
  }

  end(): string {
    let out = this.write("");
    if (this.state !== "out") out += escape(this.carry.end());
    this.flushBare();
    out += this.out;
    this.out = "";
    return out;
  }

  private outside(c: string): void {
    if (c === " " || c === "\n" || c === "\r" || c === "\t") {
      this.flushBare();
      this.out += c;
      return;
    }
    if (!'"{}[],:'.includes(c)) {
      this.bare += c;
      if (this.bare.length > MAX_BARE) this.flushBare();
      return;
    }
    this.flushBare();
    const top = this.stack.at(-1);
    switch (c) {
      case '"':
        this.isKey = this.expectKey && top?.object === true;
        this.redact = this.isKey ? null : this.keyKind();
        this.key = "";
        this.state = "str";
        this.out += this.redact ? `"${PII_LABELS[this.redact]}` : '"';
        return;
      case "{":
      case "[":
        if (this.stack.length < MAX_STACK) this.stack.push({ object: c === "{", key: this.valueKey() });
        else this.overflow++;
        this.expectKey = c === "{";
        break;
      case "}":
      case "]":
        if (this.overflow > 0) this.overflow--;
        else this.stack.pop();
        this.expectKey = false;
        break;
      case ":":
        this.expectKey = false;
        break;
      case ",":
        this.expectKey = top?.object === true;
        break;
    }
    this.out += c;
  }

  private text(s: string): void {
    if (this.redact || !s) return;
    if (this.isKey && this.key.length < MAX_KEY) this.key += s.slice(0, MAX_KEY - this.key.length);
    this.seg += s;
  }

  private flushSegment(): void {
    if (!this.seg) return;
    this.out += escape(this.carry.push(this.seg));
    this.seg = "";
  }

  private endString(): void {
    this.flushSegment();
    if (!this.redact) this.out += escape(this.carry.end());
    this.out += '"';
    if (this.isKey) this.lastKey = this.key;
    this.key = "";
    this.isKey = false;
    this.redact = null;
    this.state = "out";
  }

  private flushBare(): void {
    if (!this.bare) return;
    const kind = /^(?:true|false|null)$/.test(this.bare) ? null : this.keyKind();
    const masked = kind ? PII_LABELS[kind] : maskPii(this.bare);
    this.out += masked === this.bare ? this.bare : JSON.stringify(masked);
    this.bare = "";
  }

  /** The field name a value belongs to: its key in an object, the array's key inside an array. */
  private valueKey(): string | null {
    if (this.overflow > 0) return null;
    const top = this.stack.at(-1);
    if (!top) return null;
    return top.object ? this.lastKey : top.key;
  }

  private keyKind(): PiiKind | null {
    const key = this.valueKey();
    return key === null ? null : sensitiveKeyKind(key);
  }
}
