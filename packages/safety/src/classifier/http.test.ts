import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createHttpClassifier } from "./http.ts";

describe("HTTP moderation endpoint as a crisis classifier (real loopback server)", () => {
  let server: Server;
  let base = "";
  const seen: unknown[] = [];
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
    "/ok": (_req, res, body) => {
      seen.push(JSON.parse(body));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ scores: { self_harm: 0.91, suicidal_ideation: 0.6, other_label: 0.99 } }));
    },
    "/unsure": (_req, res) => res.end(JSON.stringify({ scores: { abuse_disclosure: 0.3 } })),
    "/calm": (_req, res) => res.end(JSON.stringify({ scores: {} })),
    "/500": (_req, res) => {
      res.statusCode = 500;
      res.end("boom");
    },
    "/shape": (_req, res) => res.end(JSON.stringify({ labels: ["self_harm"] })),
    "/hang": () => {},
  };

  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => routes[req.url ?? ""]!(req, res, body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("posts the text and reads scores: confident categories, highest first; unknown labels ignored", async () => {
    const verdict = await createHttpClassifier({ url: `${base}/ok` }).classify("some text");
    assert.deepEqual(seen.at(-1), { text: "some text" });
    assert.deepEqual(verdict, { status: "ok", categories: [{ category: "self_harm", score: 0.91 }, { category: "suicidal_ideation", score: 0.6 }], review: false, evidence: "" });
  });
  it("a score between the review threshold and the threshold is a review; none is calm", async () => {
    assert.deepEqual(await createHttpClassifier({ url: `${base}/unsure` }).classify("x"), { status: "ok", categories: [{ category: "abuse_disclosure", score: 0.3 }], review: true, evidence: "" });
    assert.deepEqual(await createHttpClassifier({ url: `${base}/calm` }).classify("x"), { status: "ok", categories: [], review: false, evidence: "" });
  });
  it("a timeout aborts the call and is 'unavailable', as are a 500, an answer of another shape and a closed port", async () => {
    const started = performance.now();
    assert.deepEqual(await createHttpClassifier({ url: `${base}/hang`, timeoutMs: 80 }).classify("x"), { status: "unavailable", reason: "timeout after 80 ms" });
    assert.ok(performance.now() - started < 1_000);
    assert.deepEqual(await createHttpClassifier({ url: `${base}/500` }).classify("x"), { status: "unavailable", reason: "http 500" });
    assert.deepEqual(await createHttpClassifier({ url: `${base}/shape` }).classify("x"), { status: "unavailable", reason: "unexpected answer" });
    const closed = await createHttpClassifier({ url: "http://127.0.0.1:1/x" }).classify("x");
    assert.equal(closed.status, "unavailable");
  });
  it("the caller's signal aborts it too", async () => {
    const controller = new AbortController();
    const pending = createHttpClassifier({ url: `${base}/hang`, timeoutMs: 5_000 }).classify("x", { signal: controller.signal });
    controller.abort();
    assert.deepEqual(await pending, { status: "unavailable", reason: "aborted" });
  });
});
