import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import type { TTrafficHistory } from "@tta/domain";
import { readTrafficHistories } from "./traffic-history.ts";

const servers: Array<ReturnType<typeof createServer>> = [];
async function fakeGateway(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
after(() => servers.forEach((s) => s.close()));

const history = (gatewayId: string): TTrafficHistory => ({
  gatewayId,
  range: "15m",
  rollups: [{ type: "traffic.rollup", gatewayId, at: 1_000_000, windowMs: 10_000, routes: [{ route: "players-api", service: "players", count: 3, errors: 0, status429: 1, p50: 1, p95: 2, p99: 3 }] }],
});

describe("readTrafficHistories", () => {
  it("asks every gateway for the range with the token, one history per gateway, and names those that failed", async () => {
    const seen: Array<{ url?: string; auth?: string }> = [];
    const b = await fakeGateway((req, res) => (seen.push({ url: req.url, auth: req.headers.authorization }), res.end(JSON.stringify(history("gw-b")))));
    const a = await fakeGateway((_req, res) => res.end(JSON.stringify(history("gw-a"))));
    const old = await fakeGateway((_req, res) => res.writeHead(404).end("{}"));
    const result = await readTrafficHistories({ urls: [b, a, `${a}/`, old, "http://127.0.0.1:1"], token: "t0ken" }, "15m");
    assert.deepEqual(result.gateways.map((g) => g.gatewayId), ["gw-a", "gw-b"], "sorted, and gw-a's second URL counted once");
    assert.equal(result.gateways[0]!.rollups[0]!.routes[0]!.status429, 1);
    assert.deepEqual(seen, [{ url: "/live/traffic?range=15m", auth: "Bearer t0ken" }]);
    assert.deepEqual(result.unreachable, [`${old} answered 404`, "http://127.0.0.1:1 is unreachable"]);
  });

  it("without any gateway: nothing, and nothing unreachable", async () => {
    assert.deepEqual(await readTrafficHistories({ urls: [] }, "1h"), { gateways: [], unreachable: [] });
  });
});
