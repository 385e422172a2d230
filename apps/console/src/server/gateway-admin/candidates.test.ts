import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TGatewayView } from "@tta/domain";
import type { LiveSource } from "../live/live-source.ts";
import { adminCandidates, adminHeaders } from "./candidates.ts";

const view = (gatewayId: string, adminUrl: string, stale = false) => ({ heartbeat: { gatewayId, adminUrl }, stale }) as unknown as TGatewayView;
const live = (views: TGatewayView[] | Error): LiveSource => ({ state: async () => { if (views instanceof Error) throw views; return views; } }) as unknown as LiveSource;

describe("adminCandidates", () => {
  it("live gateways first (not the stale ones), then the configured URLs, each once, without trailing slashes", async () => {
    const urls = await adminCandidates({ live: live([view("gw_a", "http://a:8081/"), view("gw_old", "http://old:8081", true)]), urls: ["http://b:8081", "http://a:8081"] });
    assert.deepEqual(urls, ["http://a:8081", "http://b:8081"]);
  });

  it("puts the preferred gateway (the one that saw the event) first", async () => {
    const views = [view("gw_a", "http://a:8081"), view("gw_b", "http://b:8081"), view("gw_c", "http://c:8081")];
    assert.deepEqual(await adminCandidates({ live: live(views) }, "gw_b"), ["http://b:8081", "http://a:8081", "http://c:8081"]);
    assert.deepEqual(await adminCandidates({ live: live(views) }, "gw_gone"), ["http://a:8081", "http://b:8081", "http://c:8081"]);
  });

  it("falls back to the configured URLs when the live state cannot be read", async () => {
    assert.deepEqual(await adminCandidates({ live: live(new Error("redis down")), urls: ["http://b:8081"] }), ["http://b:8081"]);
    assert.deepEqual(await adminCandidates({}), []);
  });
});

describe("adminHeaders", () => {
  it("adds the bearer token when there is one", () => {
    assert.deepEqual(adminHeaders({ token: "t0ken" }, { accept: "text/event-stream" }), { accept: "text/event-stream", authorization: "Bearer t0ken" });
    assert.deepEqual(adminHeaders({}), {});
  });
});
