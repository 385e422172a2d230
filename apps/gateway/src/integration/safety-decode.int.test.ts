// Every way a message arrives is scanned (issue 10 item 4): a crisis sent as text/plain JSON,
// broken JSON, gzip, deflate, br, UTF-16LE, Latin-1, urlencoded, multipart, nested deeper than 16,
// after more than 512 strings or 70 kB of padding, or in the query string is escalated (202); on a
// forwarding route the upstream gets the bytes as sent; an enforcing route refuses what it cannot
// scan (unknown Content-Encoding, a gzip bomb over the limit, an unknown charset, binary) with 415
// GW_UNSCANNABLE_BODY, and a monitoring route forwards it with an event for review. Real Postgres,
// a real loopback upstream that records the raw bytes it gets.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureGatewayLogger } from "../testing/capture-logger.ts";
import { publishSnapshot, snapshot, waitFor } from "./helpers/fixtures.ts";

const CRISIS = "I can't do this anymore. I want to kill myself tonight.";

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function send(url: string, init: { method?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer | string } = {}) {
  return new Promise<{ status: number; json: () => any; text: string }>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "POST", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

describe("safety scan: every encoding and content type", () => {
  let tdb: TestDatabase;
  let upstream: http.Server;
  let gateway: Gateway;
  const seen: Seen[] = [];
  const event = (id: string) => tdb.db.therapeuticEvent.findUnique({ where: { id } });

  before(async () => {
    tdb = await createTestDatabase("gwdecode");
    upstream = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const enforce = { safetyScan: "enforce" as const };
    await publishSnapshot(
      tdb.db,
      snapshot({ chat: [url] }, [
        { name: "ack", path: "/ack/*", service: "chat", ...enforce, maxBodyBytes: 1_048_576 },
        { name: "fwd", path: "/fwd/*", service: "chat", ...enforce, crisisResponse: "forward" },
        { name: "mon", path: "/mon/*", service: "chat", safetyScan: "monitor" },
      ]),
    );
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureGatewayLogger("warn", "gw-decode").logger, instanceId: "gw-decode" });
  });

  after(async () => {
    await gateway?.close();
    await new Promise((r) => upstream?.close(r));
    await tdb?.drop();
  });

  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const multipart = (boundary: string, parts: Array<{ head: string; body: Buffer | string }>) =>
    Buffer.concat([...parts.flatMap((p) => [Buffer.from(`--${boundary}\r\n${p.head}\r\n\r\n`), Buffer.from(p.body), Buffer.from("\r\n")]), Buffer.from(`--${boundary}--\r\n`)]);
  let deep: unknown = { text: CRISIS };
  for (let i = 0; i < 40; i++) deep = { next: deep };

  const cases: Array<[string, { path?: string; headers: http.OutgoingHttpHeaders; body?: Buffer; method?: string }]> = [
    ["JSON sent as text/plain", { headers: { "content-type": "text/plain" }, body: json({ text: CRISIS }) }],
    ["JSON with no content type", { headers: {}, body: json({ text: CRISIS }) }],
    ["broken JSON (the key's quotes no longer make it a quotation)", { headers: { "content-type": "application/json" }, body: Buffer.from(`{"text": "${CRISIS}",}`) }],
    ["JSON cut short", { headers: { "content-type": "text/plain" }, body: Buffer.from(`{"sessionId": "s1", "text": "${CRISIS}`) }],
    ["gzip", { headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: gzipSync(json({ text: CRISIS })) }],
    ["deflate", { headers: { "content-type": "application/json", "content-encoding": "deflate" }, body: deflateSync(json({ text: CRISIS })) }],
    ["br", { headers: { "content-type": "application/json", "content-encoding": "br" }, body: brotliCompressSync(json({ text: CRISIS })) }],
    ["UTF-16LE with its charset", { headers: { "content-type": "application/json; charset=utf-16le" }, body: Buffer.from(JSON.stringify({ text: CRISIS }), "utf16le") }],
    ["UTF-16LE with a BOM, no charset", { headers: { "content-type": "text/plain" }, body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CRISIS, "utf16le")]) }],
    ["Latin-1", { headers: { "content-type": "text/plain; charset=iso-8859-1" }, body: Buffer.from(`Désolé, ${CRISIS}`, "latin1") }],
    ["urlencoded", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from(`sessionId=s1&message=${encodeURIComponent(CRISIS)}`) }],
    ["multipart text field", { headers: { "content-type": "multipart/form-data; boundary=xyz" }, body: multipart("xyz", [{ head: 'Content-Disposition: form-data; name="sessionId"', body: "s1" }, { head: 'Content-Disposition: form-data; name="message"', body: CRISIS }]) }],
    ["multipart text file beside an image", { headers: { "content-type": "multipart/form-data; boundary=xyz" }, body: multipart("xyz", [{ head: 'Content-Disposition: form-data; name="pic"; filename="a.png"\r\nContent-Type: image/png', body: Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(64)]) }, { head: 'Content-Disposition: form-data; name="diary"; filename="diary.txt"\r\nContent-Type: text/plain', body: CRISIS }]) }],
    ["nested 40 deep", { headers: { "content-type": "application/json" }, body: json(deep) }],
    ["after 600 strings", { headers: { "content-type": "application/json" }, body: json({ items: Array.from({ length: 600 }, (_, i) => `torch ${i}`), text: CRISIS }) }],
    ["after 70 kB of padding", { headers: { "content-type": "application/json" }, body: json({ log: "the lantern flickers in the hall. ".repeat(2_200), text: CRISIS }) }],
    ["in the query string of a GET", { method: "GET", path: `/ack/messages?sessionId=s1&message=${encodeURIComponent(CRISIS)}`, headers: {} }],
    ["in the query string beside a calm body", { path: `/ack/messages?message=${encodeURIComponent(CRISIS)}`, headers: { "content-type": "application/json" }, body: json({ text: "hello" }) }],
  ];

  for (const [name, c] of cases) {
    test(`a crisis ${name} is escalated: 202 with its event`, async () => {
      const res = await send(`${gateway.url}${c.path ?? "/ack/messages"}`, { method: c.method, headers: { ...c.headers, ...(c.body ? { "content-length": c.body.length } : {}) }, body: c.body });
      assert.equal(res.status, 202, res.text);
      const body = res.json();
      assert.equal(body.code, "GW_CRISIS_ESCALATED");
      const row = await waitFor("the event row", () => event(body.eventId));
      assert.deepEqual([row.type, row.escalated], ["suicidal_ideation", true]);
      assert.match(row.excerpt, /kill myself tonight/i);
    });
  }

  test("on a forwarding route the upstream gets the bytes as sent (gzip, UTF-16), with the escalation header", async () => {
    for (const [headers, body] of [
      [{ "content-type": "application/json", "content-encoding": "gzip" }, gzipSync(json({ text: CRISIS }))],
      [{ "content-type": "text/plain; charset=utf-16le" }, Buffer.from(CRISIS, "utf16le")],
    ] as const) {
      const before = seen.length;
      const res = await send(`${gateway.url}/fwd/messages`, { headers: { ...headers, "content-length": body.length }, body });
      assert.equal(res.status, 200);
      const got = seen[before]!;
      assert.ok(got.body.equals(body), "byte for byte");
      assert.equal(got.headers["content-encoding"], headers["content-encoding"]);
      assert.match(String(got.headers["x-tta-escalation"]), /^evt_/);
    }
  });

  test("calm messages in every shape are forwarded untouched, nothing recorded", async () => {
    await new Promise((r) => setTimeout(r, 200)); // the earlier tests' events are written
    const since = new Date();
    const calm = "I found the silver key in the tower!";
    for (const [headers, body] of [
      [{ "content-type": "application/json", "content-encoding": "gzip" }, gzipSync(json({ text: calm }))],
      [{ "content-type": "application/x-www-form-urlencoded" }, Buffer.from(`message=${encodeURIComponent(calm)}`)],
      [{ "content-type": "text/plain; charset=utf-16le" }, Buffer.from(calm, "utf16le")],
      [{ "content-type": "application/json" }, Buffer.from(`{"text": "${calm}"`)],
    ] as const) {
      const res = await send(`${gateway.url}/ack/messages?page=2`, { headers: { ...headers, "content-length": body.length }, body });
      assert.equal(res.status, 200, res.text);
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await tdb.db.therapeuticEvent.count({ where: { routeName: "ack", createdAt: { gte: since } } }), 0);
  });

  const unscannable: Array<[string, string, http.OutgoingHttpHeaders, Buffer]> = [
    ["an unknown Content-Encoding", "content-encoding", { "content-type": "application/json", "content-encoding": "zstd" }, Buffer.from("(\xb5/\xfd...")],
    ["a gzip bomb over the route's limit", "decoded-too-large", { "content-type": "application/json", "content-encoding": "gzip" }, gzipSync(Buffer.alloc(32 * 1_048_576, 0x20))],
    ["a broken gzip stream", "content-encoding", { "content-type": "application/json", "content-encoding": "gzip" }, Buffer.from("plainly not gzip")],
    ["an unknown charset", "charset", { "content-type": "text/plain; charset=x-klingon" }, Buffer.from(CRISIS)],
    ["binary data", "binary", { "content-type": "application/octet-stream" }, Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(256, 1)])],
  ];

  for (const [name, reason, headers, body] of unscannable) {
    test(`an enforcing route refuses ${name}: 415 GW_UNSCANNABLE_BODY, never forwarded; a monitoring one forwards it with an event for review`, async () => {
      const before = seen.length;
      const res = await send(`${gateway.url}/ack/messages`, { headers: { ...headers, "content-length": body.length }, body });
      assert.equal(res.status, 415, res.text);
      const { error } = res.json();
      assert.deepEqual([error.code, error.details.reason], ["GW_UNSCANNABLE_BODY", reason]);
      assert.ok(error.message.length > 20 && error.details.resources.length >= 3);
      assert.equal(seen.length, before, "not forwarded");
      const refused = await waitFor("the event row", () => event(error.details.eventId));
      assert.deepEqual([refused.type, refused.escalated], ["unscannable_body", false]);

      const monitored = await send(`${gateway.url}/mon/messages`, { headers: { ...headers, "content-length": body.length }, body });
      assert.equal(monitored.status, 200);
      assert.ok(seen.at(-1)!.body.equals(body));
      const row = await waitFor("the review event", () => tdb.db.therapeuticEvent.findFirst({ where: { routeName: "mon", type: "unscannable_body", signals: { equals: [] } }, orderBy: { createdAt: "desc" } }));
      assert.deepEqual([row.severity, row.escalated], ["low", true]);
    });
  }

  test("a crisis in what could be read still wins over what could not (multipart: crisis field and an unknown part charset)", async () => {
    const body = multipart("q", [{ head: 'Content-Disposition: form-data; name="message"', body: CRISIS }, { head: 'Content-Disposition: form-data; name="x"\r\nContent-Type: text/plain; charset=x-klingon', body: "?" }]);
    const headers = { "content-type": "multipart/form-data; boundary=q", "content-length": body.length };
    const res = await send(`${gateway.url}/ack/messages`, { headers, body });
    assert.equal(res.status, 202, res.text);
    const row = await waitFor("the event row", () => event(res.json().eventId));
    assert.equal((row.signals as unknown[]).length > 0 && row.type, "suicidal_ideation");
    // Without the crisis, the part that could not be read is refused like a whole body.
    const calm = multipart("q", [{ head: 'Content-Disposition: form-data; name="message"', body: "hello" }, { head: 'Content-Disposition: form-data; name="x"\r\nContent-Type: text/plain; charset=x-klingon', body: "?" }]);
    const refused = await send(`${gateway.url}/ack/messages`, { headers: { ...headers, "content-length": calm.length }, body: calm });
    assert.deepEqual([refused.status, refused.json().error.details.reason], [415, "charset"]);
  });
});
