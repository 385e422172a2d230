import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { connect as connectHttp2, type ClientHttp2Session } from "node:http2";
import { request as httpsRequest } from "node:https";
import type { ServerResponse } from "node:http";
import { connect as tlsConnect, type PeerCertificate } from "node:tls";
import { createTestPki, type TestPki } from "../testing/test-pki.ts";
import { loadCertificate } from "../tls/certificate.ts";
import { createSecureListener } from "./secure-listener.ts";

let pki: TestPki;
let ca: Buffer;
before(() => {
  pki = createTestPki("listener");
  ca = readFileSync(pki.caFile);
});
after(() => pki.cleanup());

const echo = (req: { httpVersion: string; url?: string; method?: string; headers: Record<string, unknown>; rawHeaders: string[] }, res: ServerResponse) => {
  const body = JSON.stringify({ version: req.httpVersion, url: req.url, method: req.method, headers: req.headers, rawHeaders: req.rawHeaders });
  // What the pipeline does: a reason phrase and connection headers; HTTP/2 must drop both quietly.
  res.writeHead(200, "OK", { "content-type": "application/json", connection: "keep-alive", "keep-alive": "timeout=5" });
  res.end(body);
};

function h1(port: number, path: string) {
  return new Promise<{ status: number; body: string; alpn: string | false | null }>((resolve, reject) => {
    const req = httpsRequest({ host: "127.0.0.1", port, path, ca, servername: "localhost", agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body, alpn: (res.socket as import("node:tls").TLSSocket).alpnProtocol }));
    });
    req.on("error", reject);
    req.end();
  });
}

function h2get(session: ClientHttp2Session, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const stream = session.request({ ":path": path, ...headers });
    let status = 0;
    let got: Record<string, unknown> = {};
    let body = "";
    stream.on("response", (h) => ((status = Number(h[":status"])), (got = h)));
    stream.on("data", (d) => (body += d));
    stream.on("end", () => resolve({ status, body, headers: got }));
    stream.on("error", reject);
  });
}

function peerCertificate(port: number): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: "127.0.0.1", port, ca, servername: "localhost" }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.on("error", reject);
  });
}

test("HTTP/1.1 and HTTP/2 through one handler: h2 requests look like HTTP/1 ones (Host from :authority, no pseudo-headers), and answers lose what h2 forbids", async () => {
  const issued = pki.issue("gw");
  const listener = createSecureListener(echo, { certificate: await loadCertificate(issued), keepAliveTimeout: 5_000 });
  const port = await listener.listen(0, "127.0.0.1");
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on("warning", onWarning);
  try {
    const one = await h1(port, "/one?x=1");
    assert.equal(one.status, 200);
    assert.notEqual(one.alpn, "h2", "node's https client does not offer h2");
    assert.equal(JSON.parse(one.body).version, "1.1");

    const session = connectHttp2(`https://localhost:${port}`, { ca });
    try {
      const two = await h2get(session, "/two?y=2", { "x-extra": "1" });
      assert.equal(two.status, 200);
      assert.equal(two.headers.connection, undefined);
      const seen = JSON.parse(two.body);
      assert.equal(seen.version, "2.0");
      assert.equal(seen.url, "/two?y=2");
      assert.equal(seen.method, "GET");
      assert.equal(seen.headers.host, `localhost:${port}`);
      assert.equal(seen.headers["x-extra"], "1");
      assert.deepEqual(Object.keys(seen.headers).filter((k) => k.startsWith(":")), []);
      assert.deepEqual(seen.rawHeaders.filter((h: string, i: number) => i % 2 === 0 && h.startsWith(":")), []);
      assert.equal(seen.rawHeaders[0], "host");

      // A Host that disagrees with :authority stays as a second Host (request-framing refuses it).
      const mismatch = JSON.parse((await h2get(session, "/m", { ":authority": `localhost:${port}`, host: "other.example" })).body);
      assert.deepEqual(mismatch.rawHeaders.filter((_: string, i: number, all: string[]) => i % 2 === 1 && all[i - 1] === "host"), [`localhost:${port}`, "other.example"]);
      // A client may send Host instead of :authority (RFC 9113 §8.3.1): it is the Host.
      assert.equal(JSON.parse((await h2get(session, "/h", { host: "gw.example" })).body).headers.host, "gw.example");
      assert.equal(listener.http2Sessions(), 1);
    } finally {
      session.close();
    }
    assert.deepEqual(warnings.map((w) => w.message), [], "no reason-phrase warning");
  } finally {
    process.off("warning", onWarning);
    await listener.close(1_000);
  }
});

test("setCertificate: new handshakes get the new certificate without a restart", async () => {
  const first = pki.issue("first");
  const second = pki.issue("second");
  const listener = createSecureListener(echo, { certificate: await loadCertificate(first), keepAliveTimeout: 5_000 });
  const port = await listener.listen(0, "127.0.0.1");
  try {
    assert.equal((await peerCertificate(port)).serialNumber, first.serial);
    listener.setCertificate(await loadCertificate(second));
    assert.equal((await peerCertificate(port)).serialNumber, second.serial);
    assert.equal((await h1(port, "/after")).status, 200);
  } finally {
    await listener.close(1_000);
  }
});

test("a drain lets an HTTP/2 stream in flight finish, sends GOAWAY, and counts it like any answer", async () => {
  const held: ServerResponse[] = [];
  const listener = createSecureListener((_req, res) => void held.push(res), { certificate: await loadCertificate(pki.issue("drain")), keepAliveTimeout: 5_000 });
  const port = await listener.listen(0, "127.0.0.1");
  const session = connectHttp2(`https://localhost:${port}`, { ca });
  session.on("error", () => {});
  const goaway = new Promise((resolve) => session.once("goaway", resolve));
  const answer = h2get(session, "/slow");
  while (held.length < 1) await new Promise((r) => setTimeout(r, 5));
  assert.equal(listener.inFlight(), 1);
  const closed = listener.close(5_000);
  await goaway;
  held[0]!.writeHead(200, { "content-type": "text/plain" });
  held[0]!.end("done");
  assert.deepEqual(await answer, { status: 200, body: "done", headers: (await answer).headers });
  assert.deepEqual(await closed, { abandoned: 0 });
  session.close();
});

test("an HTTP/2 connection with no open stream is closed after the keep-alive timeout", async () => {
  const listener = createSecureListener(echo, { certificate: await loadCertificate(pki.issue("idle")), keepAliveTimeout: 300 });
  const port = await listener.listen(0, "127.0.0.1");
  try {
    const session = connectHttp2(`https://localhost:${port}`, { ca });
    await h2get(session, "/x");
    await new Promise((resolve) => session.once("close", resolve));
    while (listener.http2Sessions() > 0) await new Promise((r) => setTimeout(r, 10)); // closed by the server, not the client
  } finally {
    await listener.close(1_000);
  }
});

test("without http2 only http/1.1 is offered by ALPN", async () => {
  const listener = createSecureListener(echo, { certificate: await loadCertificate(pki.issue("h1only")), keepAliveTimeout: 5_000, http2: false });
  const port = await listener.listen(0, "127.0.0.1");
  try {
    const alpn = await new Promise<string | false | null>((resolve, reject) => {
      const socket = tlsConnect({ host: "127.0.0.1", port, ca, servername: "localhost", ALPNProtocols: ["h2", "http/1.1"] }, () => {
        resolve(socket.alpnProtocol);
        socket.end();
      });
      socket.on("error", reject);
    });
    assert.equal(alpn, "http/1.1");
  } finally {
    await listener.close(1_000);
  }
});
