// HTTP/2 requests go through the same pipeline as HTTP/1 ones, as node's compatibility objects
// (Http2ServerRequest / Http2ServerResponse), with the few differences the stages would trip on
// smoothed here, where HTTP/2 is the only concern:
// - Request headers. HTTP/2 sends :method, :path, :scheme and :authority, and usually no Host;
//   the stages route by `headers.host`, check Host in `rawHeaders`, and the proxy forwards
//   `headers`. Here both hold the regular headers with Host taken from :authority (req.url and
//   req.method still read node's pseudo-headers). A Host that differs from :authority shows as a
//   second Host, which request-framing answers with 400 (RFC 9113 §8.3.1: malformed).
// - `res.destroyed` and `res.writableFinished`: the pipeline reads "destroyed and not finished" as
//   "the client went away" (and aborts the upstream request). Node's HTTP/2 response has no
//   `destroyed`, and its `writableFinished` is the stream's, true once the stream is gone even
//   when the client reset it mid-answer; here it is true only for an answer that was ended and
//   whose stream closed without a reset.
// - `res.shouldKeepAlive = false` closes an HTTP/1 connection after the answer (a body left
//   unread, a drain). An HTTP/2 connection carries other streams: nothing to do (node resets a
//   stream whose body was not read; the drain sends GOAWAY, http2-sessions.ts).
// - writeHead: HTTP/2 has no reason phrase (node warns about each one), and node throws on the
//   connection-specific headers HTTP/2 forbids (RFC 9113 §8.2.2); both are dropped.
import { Http2ServerRequest, Http2ServerResponse, type ServerHttp2Stream } from "node:http2";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { ReadableOptions } from "node:stream";

/** Headers HTTP/2 forbids in an answer (node refuses them with ERR_HTTP2_INVALID_CONNECTION_HEADERS). */
const CONNECTION_SPECIFIC: ReadonlySet<string> = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings"]);

const H1_HEADERS = Symbol("tta.h2.headers");
const H1_RAW = Symbol("tta.h2.rawHeaders");

export class GatewayHttp2Request extends Http2ServerRequest {
  declare [H1_HEADERS]: IncomingHttpHeaders;
  declare [H1_RAW]: string[];

  constructor(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, options: ReadableOptions, rawHeaders: readonly string[]) {
    super(stream, headers, options, rawHeaders);
    const regular: IncomingHttpHeaders = {};
    for (const name in headers) if (name.charCodeAt(0) !== 58 /* ":" */) regular[name] = headers[name];
    const raw: string[] = [];
    const authority = headers[":authority"];
    if (typeof authority === "string") raw.push("host", authority);
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!;
      if (name.charCodeAt(0) === 58) continue;
      // Host beside an equal :authority is one Host; a different one stays, and is refused as a repeat.
      if (typeof authority === "string" && name.toLowerCase() === "host" && rawHeaders[i + 1] === authority) continue;
      raw.push(name, rawHeaders[i + 1]!);
    }
    if (typeof authority === "string") regular.host = authority;
    this[H1_HEADERS] = regular;
    this[H1_RAW] = raw;
  }
}

// Accessors over what @types/node declares as plain properties: defined on the prototype.
Object.defineProperties(GatewayHttp2Request.prototype, {
  headers: {
    get(this: GatewayHttp2Request) {
      return this[H1_HEADERS];
    },
  },
  rawHeaders: {
    get(this: GatewayHttp2Request) {
      return this[H1_RAW];
    },
  },
});

export class GatewayHttp2Response extends Http2ServerResponse<GatewayHttp2Request> {
  override writeHead(statusCode: number, reason?: string | OutgoingHttpHeaders | readonly string[], headers?: OutgoingHttpHeaders | readonly string[]): this {
    const given = typeof reason === "string" || reason === undefined ? headers : reason;
    if (given === undefined) return super.writeHead(statusCode);
    if (!Array.isArray(given)) {
      const object = given as OutgoingHttpHeaders;
      for (const name in object) if (CONNECTION_SPECIFIC.has(name.toLowerCase())) delete object[name];
    }
    return super.writeHead(statusCode, given);
  }
}

Object.defineProperties(GatewayHttp2Response.prototype, {
  destroyed: {
    get(this: GatewayHttp2Response) {
      return this.stream.destroyed;
    },
  },
  writableFinished: {
    get(this: GatewayHttp2Response) {
      const { stream } = this;
      return this.writableEnded && stream.writableFinished && !(stream.rstCode > 0);
    },
  },
  shouldKeepAlive: {
    get: () => true,
    set: () => {},
  },
});
