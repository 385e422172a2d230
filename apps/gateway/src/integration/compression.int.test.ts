// Response compression through a running gateway, against a real loopback origin: negotiation by
// Accept-Encoding (br preferred, gzip, identity, q=0, no header), the decoded body equal to the
// origin's, Vary and a weak ETag, answers left alone (already encoded, no-transform, small, other
// types, a route without the policy), HEAD, the BREACH rule (Set-Cookie, Cookie, Authorization;
// public and the route's opt-in), the cache storing identity and compressing each hit for its
// client, masked answers compressed masked, a streamed answer flushed per chunk, a large answer
// streamed with backpressure (the gateway does not read ahead of a client that stops reading) and
// the upstream cut when that client goes away, and the meters.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { brotliDecompressSync, createGunzip, gunzipSync, gzipSync } from "node:zlib";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { edgeSnapshot } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** An origin whose answer per path the test sets; it keeps the requests it got. */
async function scriptedOrigin() {
  const handlers = new Map<string, Handler>();
  const seen = new Map<string, http.IncomingMessage[]>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    seen.set(path, [...(seen.get(path) ?? []), req]);
    const handler = handlers.get(path);
    if (!handler) return void res.writeHead(404, { "content-type": "text/plain" }).end("no script");
    req.resume();
    req.on("end", () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    on: (path: string, handler: Handler) => handlers.set(path, handler),
    hits: (path: string) => seen.get(path)?.length ?? 0,
    last: (path: string) => seen.get(path)?.at(-1),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request whose answer body is kept as bytes, as they came (no decoding). */
function raw(url: string, headers: http.OutgoingHttpHeaders = {}, method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function decoded(r: RawResponse): Buffer {
  const coding = r.headers["content-encoding"];
  if (coding === "br") return brotliDecompressSync(r.body);
  if (coding === "gzip") return gunzipSync(r.body);
  assert.equal(coding, undefined, `unexpected coding ${coding}`);
  return r.body;
}

const varies = (r: RawResponse) => /(^|,)\s*accept-encoding\s*(,|$)/i.test(String(r.headers.vary ?? ""));

/** A JSON document of about `bytes` bytes that compresses like real API answers do. */
function jsonOf(bytes: number): Buffer {
  const rows = [];
  for (let i = 0; rows.length * 60 < bytes; i++) rows.push({ id: i, player: `player-${i % 97}`, level: i % 13, quest: ["forest", "river", "tower"][i % 3] });
  return Buffer.from(JSON.stringify(rows));
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("response compression", () => {
  let tdb: TestDatabase;
  let origin: Awaited<ReturnType<typeof scriptedOrigin>>;
  let gateway: Gateway;
  const at = (path: string) => `${gateway.url}${path}`;
  let n = 0;
  const fresh = (name: string) => `/${name}-${++n}`;
  const doc = jsonOf(20_000);
  const logs = captureLogger("warn");

  before(async () => {
    tdb = await createTestDatabase("gwcompress");
    origin = await scriptedOrigin();
    const route = (name: string, prefix: string, extra: object) => ({ name, path: `/${prefix}/*`, rewrite: "/*", service: "origin", retryPolicy: { attempts: 1 }, timeoutMs: 20_000, ...extra });
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { origin: [origin.url] },
        routes: [
          route("compressed", "c", { compression: {} }),
          route("gzip-only", "gz", { compression: { algorithms: ["gzip"] } }),
          route("vouched", "v", { compression: { compressCredentialed: true } }),
          route("streamed", "sse", { compression: { contentTypes: ["text/event-stream"], minBytes: 0 } }),
          route("cached", "k", { compression: {}, cachePolicy: { enabled: true } }),
          route("masked", "m", { compression: {}, maskResponsePii: true }),
          route("switched-off", "so", { compression: { enabled: false } }),
          route("plain", "p", {}),
        ],
      }),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: logs.logger, instanceId: "gw-compress", crisisClassifier: { kind: "off" } });
  });

  after(async () => {
    await gateway?.close();
    await origin?.close();
    await tdb?.drop();
  });

  test("negotiation: br preferred, gzip, identity, q=0 and no header; the decoded body is the origin's, with Vary and a weak ETag", async () => {
    const path = fresh("negotiate");
    origin.on(path, (_req, res) => res.writeHead(200, { "content-type": "application/json", "content-length": String(doc.length), etag: '"doc-1"' }).end(doc));
    const cases: Array<[string | undefined, string | undefined]> = [
      ["gzip, deflate, br, zstd", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["br;q=0.5, gzip;q=0.9", "gzip"],
      ["*", "br"],
      ["identity", undefined],
      ["br;q=0, gzip;q=0", undefined],
      ["gzip;q=0.2, identity", undefined],
      [undefined, undefined],
    ];
    for (const [accept, coding] of cases) {
      const r = await raw(at(`/c${path}`), accept === undefined ? {} : { "accept-encoding": accept });
      const what = `Accept-Encoding: ${accept}`;
      assert.equal(r.status, 200, what);
      assert.equal(r.headers["content-encoding"], coding, what);
      assert.deepEqual(decoded(r), doc, what);
      assert.ok(varies(r), `${what}: Vary names Accept-Encoding (${r.headers.vary})`);
      if (coding) {
        assert.equal(r.headers["content-length"], undefined, what);
        assert.equal(r.headers.etag, 'W/"doc-1"', what);
        assert.ok(r.body.length < doc.length / 3, `${what}: ${r.body.length} of ${doc.length} bytes`);
      } else {
        assert.equal(r.headers["content-length"], String(doc.length), what);
        assert.equal(r.headers.etag, '"doc-1"', what);
      }
      assert.equal(origin.last(path)!.headers["accept-encoding"], "identity", `${what}: the gateway owns the encoding, the origin is asked for identity`);
    }
    const gz = await raw(at(`/gz${path}`), { "accept-encoding": "br, gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip", "a route offering gzip only");
    assert.deepEqual(decoded(gz), doc);
  });

  test("answers left as they are: already encoded, no-transform, small, another type; none of them says Vary", async () => {
    const path = fresh("alone");
    const gzipped = gzipSync(doc);
    origin.on(`${path}/encoded`, (_req, res) => res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": String(gzipped.length) }).end(gzipped));
    origin.on(`${path}/no-transform`, (_req, res) => res.writeHead(200, { "content-type": "application/json", "cache-control": "no-transform" }).end(doc));
    const small = '{"small":true}';
    origin.on(`${path}/small`, (_req, res) => res.writeHead(200, { "content-type": "application/json", "content-length": String(small.length) }).end(small));
    origin.on(`${path}/png`, (_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(doc));
    const br = { "accept-encoding": "br, gzip" };

    const encoded = await raw(at(`/c${path}/encoded`), br);
    assert.equal(encoded.headers["content-encoding"], "gzip");
    assert.deepEqual(encoded.body, gzipped, "relayed byte for byte, not compressed twice");
    const noTransform = await raw(at(`/c${path}/no-transform`), br);
    assert.deepEqual([noTransform.headers["content-encoding"], noTransform.body], [undefined, doc]);
    const tiny = await raw(at(`/c${path}/small`), br);
    assert.deepEqual([tiny.headers["content-encoding"], tiny.headers["content-length"], tiny.body.toString()], [undefined, String(small.length), small]);
    const png = await raw(at(`/c${path}/png`), br);
    assert.deepEqual([png.headers["content-encoding"], png.body], [undefined, doc]);
    for (const r of [encoded, noTransform, tiny, png]) assert.equal(varies(r), false, String(r.headers.vary));
  });

  test("a route without the policy, or with it switched off, relays the origin's answer and forwards the client's Accept-Encoding", async () => {
    const path = fresh("off");
    origin.on(path, (req, res) => res.writeHead(200, { "content-type": "application/json", "content-length": String(doc.length), "x-accept": String(req.headers["accept-encoding"]) }).end(doc));
    for (const prefix of ["/p", "/so"]) {
      const r = await raw(at(`${prefix}${path}`), { "accept-encoding": "br, gzip" });
      assert.deepEqual([r.headers["content-encoding"], r.headers["content-length"], varies(r), r.headers["x-accept"]], [undefined, String(doc.length), false, "br, gzip"], prefix);
      assert.deepEqual(r.body, doc);
    }
  });

  test("HEAD gets the headers a GET would have, without a body; 204 and 304 are left alone", async () => {
    const path = fresh("head");
    origin.on(path, (req, res) => {
      if (req.headers["if-none-match"] === 'W/"h1"') return void res.writeHead(304, { etag: '"h1"' }).end();
      res.writeHead(200, { "content-type": "application/json", "content-length": String(doc.length), etag: '"h1"' }).end(req.method === "HEAD" ? undefined : doc);
    });
    origin.on(`${path}/empty`, (_req, res) => res.writeHead(204, { "content-type": "application/json" }).end());
    const head = await raw(at(`/c${path}`), { "accept-encoding": "br" }, "HEAD");
    assert.deepEqual([head.status, head.headers["content-encoding"], head.headers["content-length"], head.body.length], [200, "br", undefined, 0]);
    assert.ok(varies(head));
    const get = await raw(at(`/c${path}`), { "accept-encoding": "br" });
    assert.equal(get.headers.etag, 'W/"h1"');
    // The client revalidates with the weak tag it got: the 304 carries the same tag and Vary.
    const revalidated = await raw(at(`/c${path}`), { "accept-encoding": "br", "if-none-match": 'W/"h1"' });
    assert.deepEqual([revalidated.status, revalidated.headers.etag, varies(revalidated), revalidated.body.length], [304, 'W/"h1"', true, 0]);
    const empty = await raw(at(`/c${path}/empty`), { "accept-encoding": "br" });
    assert.deepEqual([empty.status, empty.headers["content-encoding"], empty.body.length], [204, undefined, 0]);
  });

  test("BREACH: answers that set a cookie and answers to requests with Cookie or Authorization go out uncompressed, unless public or the route vouches", async () => {
    const path = fresh("breach");
    origin.on(`${path}/login`, (_req, res) => res.writeHead(200, { "content-type": "text/html", "set-cookie": "sid=s3cr3t; HttpOnly" }).end(doc));
    origin.on(`${path}/me`, (_req, res) => res.writeHead(200, { "content-type": "application/json", "cache-control": "private" }).end(doc));
    origin.on(`${path}/catalogue`, (_req, res) => res.writeHead(200, { "content-type": "application/json", "cache-control": "public, max-age=60" }).end(doc));
    const br = { "accept-encoding": "br" };

    const login = await raw(at(`/c${path}/login`), br);
    assert.deepEqual([login.headers["content-encoding"], login.body], [undefined, doc]);
    assert.ok(login.headers["set-cookie"]);
    for (const credentials of [{ cookie: "sid=abc" }, { authorization: "Bearer abc.def.ghi" }]) {
      const me = await raw(at(`/c${path}/me`), { ...br, ...credentials });
      assert.deepEqual([me.headers["content-encoding"], me.body], [undefined, doc], JSON.stringify(credentials));
      assert.ok(varies(me), "another request (without credentials) would have had it compressed");
      const catalogue = await raw(at(`/c${path}/catalogue`), { ...br, ...credentials });
      assert.equal(catalogue.headers["content-encoding"], "br", "Cache-Control: public, the same for everyone");
      assert.deepEqual(decoded(catalogue), doc);
    }
    const anonymous = await raw(at(`/c${path}/me`), br);
    assert.equal(anonymous.headers["content-encoding"], "br", "without credentials there is no user's secret to find");

    const vouchedMe = await raw(at(`/v${path}/me`), { ...br, cookie: "sid=abc" });
    assert.equal(vouchedMe.headers["content-encoding"], "br", "compressCredentialed: the route says its answers hold no secret next to reflected input");
    assert.deepEqual(decoded(vouchedMe), doc);
    const vouchedLogin = await raw(at(`/v${path}/login`), br);
    assert.equal(vouchedLogin.headers["content-encoding"], "br");
  });

  test("the cache stores the identity answer once and compresses each hit for its own client", async () => {
    const path = fresh("cached");
    origin.on(path, (_req, res) => res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=60", vary: "Accept-Encoding", "content-length": String(doc.length) }).end(doc));
    const first = await raw(at(`/k${path}`), { "accept-encoding": "br" });
    assert.match(String(first.headers["cache-status"]), /fwd=uri-miss; fwd-status=200; stored/);
    const gzip = await raw(at(`/k${path}`), { "accept-encoding": "gzip" });
    const identity = await raw(at(`/k${path}`));
    const br = await raw(at(`/k${path}`), { "accept-encoding": "br;q=1, gzip;q=0.5" });
    assert.equal(origin.hits(path), 1, "one stored identity answer serves every encoding");
    for (const [r, coding] of [[first, "br"], [gzip, "gzip"], [identity, undefined], [br, "br"]] as const) {
      assert.equal(r.headers["content-encoding"], coding);
      assert.deepEqual(decoded(r), doc);
      assert.ok(varies(r));
    }
    for (const hit of [gzip, identity, br]) assert.match(String(hit.headers["cache-status"]), /; hit/);
    assert.equal(identity.headers["content-length"], String(doc.length));
    const head = await raw(at(`/k${path}`), { "accept-encoding": "gzip" }, "HEAD");
    assert.deepEqual([head.headers["content-encoding"], head.headers["content-length"], head.body.length], ["gzip", undefined, 0]);
  });

  test("a masked route compresses the masked bytes", async () => {
    const path = fresh("masked");
    const text = Buffer.from(`${"Contact the therapist at jane.doe@example.org about the session. ".repeat(100)}`);
    origin.on(path, (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(text));
    const r = await raw(at(`/m${path}`), { "accept-encoding": "gzip" });
    assert.equal(r.headers["content-encoding"], "gzip");
    const body = decoded(r).toString();
    assert.ok(!body.includes("jane.doe@example.org"), "masked before it was compressed");
    assert.ok(body.includes("[EMAIL]"));
    assert.equal(origin.last(path)!.headers["accept-encoding"], "identity");
  });

  test("a streamed answer reaches the client chunk by chunk: the first event arrives, decoded, before the origin has finished", async () => {
    const path = fresh("events");
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    origin.on(path, (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write("data: first\n\n");
      void released.then(() => res.end("data: second\n\n"));
    });
    const events = await new Promise<string[]>((resolve, reject) => {
      const req = http.get(at(`/sse${path}`), { headers: { "accept-encoding": "gzip" }, agent: false }, (res) => {
        assert.equal(res.headers["content-encoding"], "gzip");
        const gunzip = createGunzip();
        res.pipe(gunzip);
        let text = "";
        const got: string[] = [];
        gunzip.on("data", (c: Buffer) => {
          text += c.toString();
          if (got.length === 0 && text.includes("data: first\n\n")) {
            got.push("first, before the origin ended");
            release(); // only now does the origin send the rest
          }
        });
        gunzip.on("end", () => resolve([...got, text]));
        gunzip.on("error", reject);
      });
      req.on("error", reject);
    });
    assert.deepEqual(events, ["first, before the origin ended", "data: first\n\ndata: second\n\n"]);
  });

  test("a large answer streams through with backpressure: decoded it equals the origin's, and a client that stops reading stops the origin; when it leaves the origin is cut", async () => {
    const fullBytes = 16 * 1024 * 1024;
    const pausedBytes = 256 * 1024 * 1024; // far more than every socket buffer on the way can hold
    const chunkBytes = 64 * 1024;
    type Progress = { written: number; finished: boolean; closedEarly: boolean; hash: string };
    const progress = new Map<string, Progress>();
    const path = fresh("large");
    // Written as the socket drains, each chunk made fresh (random hex, about 2:1 in gzip), so the
    // origin holds one chunk at a time and its hash is of what it sent.
    origin.on(path, (req, res) => {
      const total = Number(req.headers["x-total"]);
      const p: Progress = { written: 0, finished: false, closedEarly: false, hash: "" };
      progress.set(String(req.headers["x-run"]), p);
      const hash = createHash("sha256");
      res.on("close", () => (p.closedEarly = !res.writableFinished));
      res.writeHead(200, { "content-type": "text/plain" });
      const pump = () => {
        while (p.written < total && !res.destroyed) {
          const chunk = Buffer.from(randomBytes(chunkBytes / 2).toString("hex"));
          hash.update(chunk);
          p.written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (p.written >= total) {
          p.hash = hash.digest("hex");
          res.end(() => (p.finished = true));
        }
      };
      pump();
    });

    // 1. Read to the end, decoded as it comes (nothing held whole on either side).
    const decodedHash = await new Promise<string>((resolve, reject) => {
      const req = http.get(at(`/c${path}`), { headers: { "accept-encoding": "gzip", "x-run": "full", "x-total": String(fullBytes) }, agent: false }, (res) => {
        assert.equal(res.headers["content-encoding"], "gzip");
        const hash = createHash("sha256");
        const gunzip = createGunzip();
        res.pipe(gunzip).on("data", (c: Buffer) => hash.update(c)).on("end", () => resolve(hash.digest("hex"))).on("error", reject);
      });
      req.on("error", reject);
    });
    const full = progress.get("full")!;
    assert.equal(full.written, fullBytes);
    assert.equal(decodedHash, full.hash);

    // 2. A client that reads the first bytes and then stops.
    let client!: http.ClientRequest;
    let response!: http.IncomingMessage;
    await new Promise<void>((resolve, reject) => {
      client = http.get(at(`/c${path}`), { headers: { "accept-encoding": "br", "x-run": "paused", "x-total": String(pausedBytes) }, agent: false }, (res) => {
        response = res;
        res.once("data", () => (res.pause(), resolve()));
      });
      client.on("error", () => {}); // destroyed below
      client.once("error", reject);
    });
    const paused = await waitFor("the origin to stall behind the paused client", async () => {
      const p = progress.get("paused");
      if (!p) return null;
      const before = p.written;
      await new Promise((r) => setTimeout(r, 500));
      return p.written === before && p.written > 0 ? p : null;
    }, 60_000, 0);
    assert.equal(paused.finished, false);
    assert.ok(paused.written < pausedBytes / 4, `the gateway read ${paused.written} of ${pausedBytes} bytes ahead of a client that stopped reading`);

    response.destroy();
    client.destroy();
    await waitFor("the origin's answer to be cut", async () => paused.closedEarly, 20_000);
    assert.ok(paused.written < pausedBytes, "the origin stopped sending");
  });

  test("meters: compressed answers and the bytes saved, by route and encoding; skipped answers by reason", async () => {
    const res = await request(`${gateway.adminUrl}/metrics`);
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}"+]/g, "\\$&")} (\\S+)$`, "m").exec(res.text)?.[1] ?? Number.NaN);
    assert.ok(value('tta_gateway_compressed_responses_total{route="compressed",encoding="br"}') >= 3, res.text.split("\n").filter((l) => l.includes("compress")).join("\n"));
    assert.ok(value('tta_gateway_compressed_responses_total{route="compressed",encoding="gzip"}') >= 3);
    assert.ok(value('tta_gateway_compression_saved_bytes_total{route="compressed",encoding="br"}') > 3 * (doc.length / 2));
    assert.ok(value('tta_gateway_compression_input_bytes_total{route="compressed",encoding="gzip"}') >= 16 * 1024 * 1024);
    for (const reason of ["encoded", "no-transform", "small", "type", "not-accepted", "set-cookie", "credentialed"]) {
      assert.ok(value(`tta_gateway_compression_skipped_total{route="compressed",reason="${reason}"}`) >= 1, reason);
    }
  });

  test("nothing went wrong inside the gateway on the way (every answer, compressed from the cache too, ended its request's chain)", () => {
    assert.deepEqual(logs.lines.filter((l) => l.level >= 50).map((l) => l.msg), []);
  });
});
