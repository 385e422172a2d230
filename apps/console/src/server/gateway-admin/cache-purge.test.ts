import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { CachePurgeError, purgeGatewayCache } from "./cache-purge.ts";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const servers: Array<ReturnType<typeof createServer>> = [];

async function fakeGateway(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => handler(req, body, res));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
const refusedWith = async (p: Promise<unknown>) => p.then(() => assert.fail("expected a refusal"), (e: unknown) => (assert.ok(e instanceof CachePurgeError), e));

after(() => servers.forEach((s) => s.close()));

describe("purgeGatewayCache", () => {
  it("sends the gateway's body with the token and the correlation id, and returns its count", async () => {
    const seen: Array<{ url?: string; auth?: string; id?: string; body: string }> = [];
    const url = await fakeGateway((req, body, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization, id: req.headers["x-request-id"] as string, body });
      json(res, 200, { purged: 3, scope: JSON.parse(body) });
    });
    const result = await purgeGatewayCache({ urls: [url], token: "t0ken-of-sixteen-chars" }, { by: "path", host: "api.tta.dev", path: "/api/players/1" }, "req_1");
    assert.deepEqual(result, { purged: 3, gatewayUrl: url });
    assert.deepEqual(seen, [{ url: "/cache/purge", auth: "Bearer t0ken-of-sixteen-chars", id: "req_1", body: '{"host":"api.tta.dev","path":"/api/players/1"}' }]);
  });

  it("passes over a gateway that is down or failing, and uses the next", async () => {
    const failing = await fakeGateway((_req, _body, res) => json(res, 500, { error: { code: "GW_INTERNAL" } }));
    const ok = await fakeGateway((_req, _body, res) => json(res, 200, { purged: 0, scope: { all: true } }));
    assert.deepEqual(await purgeGatewayCache({ urls: ["http://127.0.0.1:1", failing, ok] }, { by: "all" }, "req_2"), { purged: 0, gatewayUrl: ok });
  });

  it("stops at a refusal, with the gateway's code and message", async () => {
    const forbidden = await fakeGateway((_req, _body, res) => json(res, 403, { error: { code: "GW_ADMIN_FORBIDDEN", message: "a read token cannot write" } }));
    const error = await refusedWith(purgeGatewayCache({ urls: [forbidden, "http://127.0.0.1:1"] }, { by: "tag", tag: "x" }, "req_3"));
    assert.equal(error.code, "gateway_refused");
    assert.match(error.message, /GW_ADMIN_FORBIDDEN: a read token cannot write/);
  });

  it("says the cache store is unavailable rather than that no gateway answered", async () => {
    const down = await fakeGateway((_req, _body, res) => json(res, 503, { error: { code: "GW_CACHE_UNAVAILABLE", message: "Redis is down" } }));
    assert.equal((await refusedWith(purgeGatewayCache({ urls: [down] }, { by: "all" }, "req_4"))).code, "cache_unavailable");
  });

  it("says which gateways were tried when none could be reached, and when there was none to try", async () => {
    const error = await refusedWith(purgeGatewayCache({ urls: ["http://127.0.0.1:1"] }, { by: "all" }, "req_5"));
    assert.equal(error.code, "no_gateway");
    assert.match(error.message, /http:\/\/127\.0\.0\.1:1 is unreachable/);
    assert.match((await refusedWith(purgeGatewayCache({}, { by: "all" }, "req_6"))).message, /GATEWAY_ADMIN_URLS/);
  });
});
