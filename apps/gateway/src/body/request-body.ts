// The one owner of a request's body. Whichever stage needs the body asks this (rate limit's crisis
// check, JSON validation, the safety scan, the upstream for a replayable attempt): it is read at
// most once, within the route's limit, and the bytes are kept, so every later reader and every
// attempt gets the same buffer. A body nobody needs whole is never buffered: it streams to the
// upstream through a counting pipe (limit-stream.ts) that answers 413 as the limit is crossed.
// Scanners ask for it decoded (decode.ts: content encodings, charsets, forms), also once.
import type { IncomingMessage } from "node:http";
import type { RouteContext } from "../pipeline/context.ts";
import { decodeBody, type DecodedBody } from "./decode.ts";
import { limitStream } from "./limit-stream.ts";

export type BodyRead = { readonly kind: "ok"; readonly body: Buffer } | { readonly kind: "too-large" } | { readonly kind: "gone" };
/** The body decoded for a scanner, or why there is none to decode. */
export type DecodedRead = DecodedBody | Exclude<BodyRead, { kind: "ok" }>;

declare module "../pipeline/context.ts" {
  interface RouteContext {
    /** The request's body, made by requestBody() on first use. */
    body?: RequestBody;
  }
}

export class RequestBody {
  /** Content-Length, when the request declares one. */
  readonly declared: number | null;
  readonly chunked: boolean;
  private read: Promise<BodyRead> | null = null;
  private kept: Buffer | null = null;
  private decoding: Promise<DecodedRead> | null = null;

  constructor(
    private readonly req: IncomingMessage,
    /** The route's limit (its maxBodyBytes, else GATEWAY_MAX_BODY_BYTES). */
    readonly maxBytes: number,
  ) {
    const { headers } = req;
    this.declared = headers["content-length"] === undefined ? null : Number(headers["content-length"]);
    this.chunked = headers["transfer-encoding"] !== undefined;
  }

  /** Whether the request carries a body at all. */
  get present(): boolean {
    return this.chunked || (this.declared !== null && this.declared > 0);
  }

  /** Its Content-Length already says it is over the limit. */
  get declaredTooLarge(): boolean {
    return this.declared !== null && this.declared > this.maxBytes;
  }

  /** The bytes, when something has read the body whole (the upstream sends these); null = it streams. */
  get buffered(): Buffer | null {
    return this.kept;
  }

  /** Reads the whole body once, within the limit; every caller gets the same result. */
  readAll(): Promise<BodyRead> {
    this.read ??= this.present ? (this.declaredTooLarge ? Promise.resolve(TOO_LARGE) : this.consume()) : Promise.resolve(EMPTY);
    return this.read;
  }

  /** The body decoded for scanners, once (decode.ts); the upstream still gets `buffered`, the bytes as sent. */
  decoded(): Promise<DecodedRead> {
    this.decoding ??= this.readAll().then((read): Promise<DecodedRead> | DecodedRead => (read.kind === "ok" ? decodeBody(read.body, this.req.headers, this.maxBytes) : read));
    return this.decoding;
  }

  /** A body that streams: counted on its way to the upstream, 413 past the limit. */
  guardStream(onExceeded: () => void): void {
    if (this.chunked && !this.read) limitStream(this.req, this.maxBytes, onExceeded);
  }

  private async consume(): Promise<BodyRead> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of this.req) {
        size += (chunk as Buffer).length;
        if (size > this.maxBytes) return TOO_LARGE;
        chunks.push(chunk as Buffer);
      }
    } catch {
      return GONE;
    }
    if (!this.req.complete) return GONE;
    this.kept = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    return { kind: "ok", body: this.kept };
  }
}

const TOO_LARGE: BodyRead = Object.freeze({ kind: "too-large" });
const GONE: BodyRead = Object.freeze({ kind: "gone" });
const EMPTY: BodyRead = Object.freeze({ kind: "ok", body: Buffer.alloc(0) });

/** The request's body owner, made on first use with its route's limit. */
export function requestBody(ctx: RouteContext): RequestBody {
  return (ctx.body ??= new RequestBody(ctx.req, ctx.match.route.edge.maxBodyBytes));
}
