// The shared HTTP cache through a running gateway, against a real loopback origin that counts what
// reaches it, on the in-process store and on Redis: Vary variants, revalidation with 304,
// stale-while-revalidate, stale-if-error with the origin down, invalidation after POST,
// Authorization, private and Set-Cookie, per-user partitions, masked answers cached masked,
// coalescing, Cache-Status, and the store going away.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { sign, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER } from "../testing/jwt.ts";
import { edgeSnapshot, startOwnRedis, type OwnRedis } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, waitFor } from "./helpers/fixtures.ts";
import { request } from "./helpers/http-client.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const ADMIN_TOKEN = randomBytes(24).toString("base64url");

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

/** An origin whose answer per path the test sets, counting the requests that reach it. */
async function scriptedOrigin() {
  const handlers = new Map<string, Handler>();
  const seen = new Map<string, http.IncomingMessage[]>();
  let down = false;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const list = seen.get(path) ?? [];
    list.push(req);
    seen.set(path, list);
    if (down) return void req.socket.destroy();
    const handler = handlers.get(path);
    if (!handler) return void res.writeHead(404, { "content-type": "text/plain" }).end("no script");
    req.resume();
    req.on("end", () => handler(req, res, list.length));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    on: (path: string, handler: Handler) => handlers.set(path, handler),
    hits: (path: string) => seen.get(path)?.length ?? 0,
    last: (path: string) => seen.get(path)?.at(-1),
    setDown: (value: boolean) => (down = value),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const storeKind of ["local", "redis"] as const) {
  describe(`http cache (${storeKind} store)`, () => {
    let tdb: TestDatabase;
    let origin: Awaited<ReturnType<typeof scriptedOrigin>>;
    let gateway: Gateway;
    let token: (user: string) => Promise<string>;
    const get = (path: string, headers: Record<string, string> = {}) => request(`${gateway.url}${path}`, { headers });
    let n = 0;
    /** A fresh path per test: nothing stored before it. */
    const fresh = (name: string) => `/${name}-${storeKind}-${++n}`;

    before(async () => {
      tdb = await createTestDatabase(`gwcache${storeKind}`);
      origin = await scriptedOrigin();
      const policy = { issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE], algorithms: ["HS256" as const], secretRef: "CACHE_JWT_SECRET" };
      await publishSnapshot(
        tdb.db,
        edgeSnapshot({
          services: { origin: [origin.url] },
          authPolicies: [{ name: "tta", ...policy }],
          routes: [
            { name: "shared", path: "/s/*", rewrite: "/*", service: "origin", cachePolicy: { enabled: true, staleIfErrorSeconds: 0 }, retryPolicy: { attempts: 1 }, timeoutMs: 3_000 },
            { name: "mine", path: "/me/*", rewrite: "/*", service: "origin", auth: "authenticated", authPolicy: "tta", cachePolicy: { enabled: true }, retryPolicy: { attempts: 1 } },
            { name: "masked", path: "/m/*", rewrite: "/*", service: "origin", maskResponsePii: true, cachePolicy: { enabled: true }, retryPolicy: { attempts: 1 } },
            { name: "small", path: "/small/*", rewrite: "/*", service: "origin", cachePolicy: { enabled: true, maxObjectBytes: 1_000 }, retryPolicy: { attempts: 1 } },
            { name: "plain", path: "/p/*", rewrite: "/*", service: "origin", retryPolicy: { attempts: 1 } },
            { name: "scanned", path: "/scan/*", rewrite: "/*", service: "origin", safetyScan: "monitor", cachePolicy: { enabled: true }, retryPolicy: { attempts: 1 } },
          ],
        }),
      );
      gateway = await startGateway({
        databaseUrl: tdb.url,
        port: 0,
        adminPort: 0,
        logger: captureLogger("silent").logger,
        instanceId: `gw-cache-${storeKind}`,
        crisisClassifier: { kind: "off" },
        jwtSecrets: new Map([["CACHE_JWT_SECRET", TEST_HMAC_SECRET]]),
        adminToken: ADMIN_TOKEN,
        ...(storeKind === "redis" ? { redisUrl: REDIS_URL, redisKeyPrefix: `test:cache:${randomBytes(4).toString("hex")}:` } : {}),
      });
      token = (user) => sign(TEST_HMAC_SECRET, { subject: user });
    });

    after(async () => {
      await gateway?.close();
      await origin?.close();
      await tdb?.drop();
    });

    test("a fresh answer is served from the cache with Age and Cache-Status; a route without a cache policy is not cached", async () => {
      const path = fresh("hit");
      origin.on(path, (_req, res, i) => res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=60" }).end(JSON.stringify({ i })));
      const first = await get(`/s${path}`);
      assert.equal(first.status, 200);
      assert.match(String(first.headers["cache-status"]), /^tta-gateway; fwd=uri-miss; fwd-status=200; stored/);
      const second = await get(`/s${path}`);
      assert.deepEqual([second.json(), origin.hits(path)], [{ i: 1 }, 1]);
      assert.match(String(second.headers["cache-status"]), /^tta-gateway; hit; ttl=\d+/);
      assert.ok(Number(second.headers.age) >= 0);
      assert.equal(second.headers["x-content-type-options"], "nosniff", "security headers on a hit too");
      await get(`/p${path}`);
      await get(`/p${path}`);
      assert.equal(origin.hits(path), 3, "the plain route went upstream both times");
    });

    test("Vary: each Accept-Encoding value has its own variant, and the same value is reused", async () => {
      const path = fresh("vary");
      origin.on(path, (req, res) => res.writeHead(200, { "cache-control": "max-age=60", vary: "Accept-Encoding", "content-type": "text/plain" }).end(`enc=${req.headers["accept-encoding"] ?? "none"}`));
      const gzip = await get(`/s${path}`, { "accept-encoding": "gzip" });
      const br = await get(`/s${path}`, { "accept-encoding": "br" });
      const gzipAgain = await get(`/s${path}`, { "accept-encoding": "gzip" });
      const brAgain = await get(`/s${path}`, { "accept-encoding": "br" });
      assert.deepEqual([gzip.text, br.text, gzipAgain.text, brAgain.text], ["enc=gzip", "enc=br", "enc=gzip", "enc=br"]);
      assert.equal(origin.hits(path), 2);
      assert.match(String(br.headers["cache-status"]), /fwd=vary-miss/);
    });

    test("a stale answer is revalidated with If-None-Match; the origin's 304 refreshes it and the client gets the stored body", async () => {
      const path = fresh("revalidate");
      origin.on(path, (req, res) => {
        if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304, { etag: '"v1"', "cache-control": "max-age=60" }).end();
        res.writeHead(200, { etag: '"v1"', "cache-control": "max-age=0", "content-type": "text/plain" }).end("body v1");
      });
      await get(`/s${path}`);
      const again = await get(`/s${path}`);
      assert.deepEqual([again.status, again.text], [200, "body v1"]);
      assert.equal(origin.last(path)!.headers["if-none-match"], '"v1"');
      assert.match(String(again.headers["cache-status"]), /fwd=stale; fwd-status=304; stored/);
      const third = await get(`/s${path}`);
      assert.deepEqual([third.text, origin.hits(path)], ["body v1", 2], "fresh again after the 304 (max-age=60)");
      const conditional = await get(`/s${path}`, { "if-none-match": '"v1"' });
      assert.deepEqual([conditional.status, origin.hits(path)], [304, 2], "a client's own conditional request is answered from the cache");
    });

    test("stale-while-revalidate: the stale answer goes out at once and the next request sees the refreshed one", async () => {
      const path = fresh("swr");
      origin.on(path, (_req, res, i) => setTimeout(() => res.writeHead(200, { "cache-control": "max-age=1, stale-while-revalidate=30", "content-type": "text/plain" }).end(`v${i}`), i > 1 ? 300 : 0));
      await get(`/s${path}`);
      await sleep(1_100);
      const started = Date.now();
      const stale = await get(`/s${path}`);
      assert.equal(stale.text, "v1");
      assert.ok(Date.now() - started < 250, "not waiting for the 300 ms origin");
      await sleep(500);
      assert.equal(origin.hits(path), 2, "refreshed in the background");
      assert.equal((await get(`/s${path}`)).text, "v2");
    });

    test("stale-if-error: with the origin down the stale answer is served within the window, and the error beyond it", async () => {
      const path = fresh("sie");
      origin.on(path, (_req, res) => res.writeHead(200, { "cache-control": "max-age=1, stale-if-error=2", "content-type": "text/plain" }).end("kept"));
      await get(`/s${path}`);
      await sleep(1_100);
      origin.setDown(true);
      try {
        const served = await get(`/s${path}`);
        assert.deepEqual([served.status, served.text], [200, "kept"]);
        assert.match(String(served.headers["cache-status"]), /fwd=stale; detail=stale-if-error/);
        await sleep(2_200);
        const beyond = await get(`/s${path}`);
        assert.equal(beyond.status, 502);
      } finally {
        origin.setDown(false);
      }
      const error500 = fresh("sie500");
      origin.on(error500, (_req, res, i) => (i === 1 ? res.writeHead(200, { "cache-control": "max-age=0, stale-if-error=60" }).end("good") : res.writeHead(503).end("down")));
      await get(`/s${error500}`);
      const onError = await get(`/s${error500}`);
      assert.deepEqual([onError.status, onError.text], [200, "good"], "a 5xx answer is replaced by the stale one");
    });

    test("a successful POST invalidates what is stored for its URI and its Location; a failed one does not", async () => {
      const path = fresh("inval");
      const other = fresh("inval-loc");
      let postStatus = 201;
      let gets = 0;
      for (const p of [path, other]) origin.on(p, (req, res) => (req.method === "POST" ? res.writeHead(postStatus, { location: `/s${other}` }).end() : res.writeHead(200, { "cache-control": "max-age=60" }).end(`get ${++gets}`)));
      const stored = [await get(`/s${path}`), await get(`/s${other}`)].map((a) => a.text);
      assert.equal((await request(`${gateway.url}/s${path}`, { method: "POST", body: "x" })).status, 201);
      await sleep(50);
      const afterPost = [await get(`/s${path}`), await get(`/s${other}`)].map((a) => a.text);
      assert.notEqual(afterPost[0], stored[0], "the URI was invalidated");
      assert.notEqual(afterPost[1], stored[1], "its Location (a URI on the same host) too");
      postStatus = 500;
      assert.equal((await request(`${gateway.url}/s${path}`, { method: "POST", body: "x" })).status, 500);
      await sleep(50);
      assert.equal((await get(`/s${path}`)).text, afterPost[0], "a failed POST invalidates nothing");
    });

    test("Authorization, private, no-store and Set-Cookie answers, and answers to a request with a Cookie on a shared route, are not handed to anyone else", async () => {
      const cases: Array<[string, Record<string, string>, Record<string, string>]> = [
        ["auth", { "cache-control": "max-age=60" }, { authorization: "Bearer abc" }],
        ["request-cookie", { "cache-control": "max-age=60" }, { cookie: "sid=mine" }],
        ["private", { "cache-control": "max-age=60, private" }, {}],
        ["nostore", { "cache-control": "no-store" }, {}],
        ["cookie", { "cache-control": "max-age=60", "set-cookie": "sid=secret" }, {}],
      ];
      for (const [name, answer, asked] of cases) {
        const path = fresh(name);
        origin.on(path, (_req, res, i) => res.writeHead(200, answer).end(`for caller ${i}`));
        await get(`/s${path}`, asked);
        const second = await get(`/s${path}`);
        assert.equal(second.text, "for caller 2", `${name}: went upstream again`);
        assert.deepEqual(second.headers["set-cookie"], name === "cookie" ? ["sid=secret"] : undefined, "the caller's own cookie, from the upstream");
      }
      const publicPath = fresh("auth-public");
      origin.on(publicPath, (_req, res, i) => res.writeHead(200, { "cache-control": "public, max-age=60" }).end(`v${i}`));
      await get(`/s${publicPath}`, { authorization: "Bearer abc" });
      assert.equal((await get(`/s${publicPath}`, { authorization: "Bearer other" })).text, "v1", "public allows it");
    });

    test("on an authenticated route every user has answers of their own", async () => {
      const path = fresh("mine");
      origin.on(path, (req, res) => res.writeHead(200, { "cache-control": "public, max-age=60" }).end(`for ${req.headers["x-tta-user-id"] ?? "?"}`));
      const [alice, bob] = [await token("usr_alice"), await token("usr_bob")];
      const a1 = await get(`/me${path}`, { authorization: `Bearer ${alice}` });
      const b1 = await get(`/me${path}`, { authorization: `Bearer ${bob}` });
      const a2 = await get(`/me${path}`, { authorization: `Bearer ${alice}` });
      assert.equal(origin.hits(path), 2, "one fetch per user");
      assert.equal(a2.text, a1.text);
      assert.notEqual(a1.text, b1.text);
    });

    test("masked answers are cached masked; bigger answers than the route allows stream through uncached", async () => {
      const path = fresh("masked");
      origin.on(path, (_req, res) => res.writeHead(200, { "cache-control": "max-age=60", "content-type": "application/json" }).end(JSON.stringify({ email: "alice@example.com" })));
      const first = await get(`/m${path}`);
      const second = await get(`/m${path}`);
      assert.equal(origin.hits(path), 1);
      assert.doesNotMatch(second.text, /alice@example\.com/);
      assert.equal(second.text, first.text);
      const big = fresh("big");
      origin.on(big, (_req, res) => res.writeHead(200, { "cache-control": "max-age=60" }).end("x".repeat(5_000)));
      assert.equal((await get(`/small${big}`)).text.length, 5_000);
      assert.equal((await get(`/small${big}`)).text.length, 5_000);
      assert.equal(origin.hits(big), 2);
    });

    test("100 concurrent requests for a cold key make one upstream request; only-if-cached without a stored answer is a 504", async () => {
      const path = fresh("coalesce");
      origin.on(path, (_req, res) => setTimeout(() => res.writeHead(200, { "cache-control": "max-age=60" }).end("once"), 200));
      const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
      try {
        const answers = await Promise.all(Array.from({ length: 100 }, () => request(`${gateway.url}/s${path}`, { agent })));
        assert.ok(answers.every((a) => a.status === 200 && a.text === "once"));
        assert.equal(origin.hits(path), 1);
        assert.ok(answers.some((a) => /collapsed/.test(String(a.headers["cache-status"]))));
      } finally {
        agent.destroy();
      }
      const none = await get(`/s${fresh("oic")}`, { "cache-control": "only-if-cached" });
      assert.equal(none.status, 504);
      assert.equal(none.json().error.code, "GW_CACHE_NOT_STORED");
    });

    test("once a key's answer was not storable, concurrent requests for it go upstream side by side, not one after another", async () => {
      const path = fresh("uncacheable");
      let inFlight = 0;
      let most = 0;
      origin.on(path, (_req, res) => {
        most = Math.max(most, ++inFlight);
        setTimeout(() => (inFlight--, res.writeHead(200, { "cache-control": "no-store" }).end("personal")), 100);
      });
      await get(`/s${path}`);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
      try {
        const answers = await Promise.all(Array.from({ length: 20 }, () => request(`${gateway.url}/s${path}`, { agent })));
        assert.ok(answers.every((a) => a.status === 200));
      } finally {
        agent.destroy();
      }
      assert.equal(origin.hits(path), 21);
      assert.ok(most >= 10, `the origin had ${most} of them at once`);
    });

    test("a request the safety scanner flags (a crisis, personal data in the query) is never answered from the cache nor stored", async () => {
      const path = fresh("scanned");
      origin.on(path, (_req, res, i) => res.writeHead(200, { "cache-control": "public, max-age=60" }).end(`v${i}`));
      await get(`/scan${path}?q=which+path+leads+to+the+castle`);
      assert.equal((await get(`/scan${path}?q=which+path+leads+to+the+castle`)).text, "v1", "an ordinary query is cached");
      for (const q of ["i+want+to+kill+myself+tonight", "mail+me+at+alice%40example.com"]) {
        const first = await get(`/scan${path}?q=${q}`);
        const second = await get(`/scan${path}?q=${q}`);
        assert.notEqual(second.text, first.text, `${q}: went upstream again`);
        assert.match(String(second.headers["cache-status"]), /fwd=bypass; detail=(crisis|flagged)/);
      }
    });

    test("purges through the admin API: forget one user, a tag, a route; a bad purge is a 400 and needs the token", async () => {
      const purge = (body: unknown, auth = `Bearer ${ADMIN_TOKEN}`) => request(`${gateway.adminUrl}/cache/purge`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(body) });
      const path = fresh("forget");
      origin.on(path, (req, res, i) => res.writeHead(200, { "cache-control": "public, max-age=60", "surrogate-key": "story chapter-1" }).end(`${req.headers["x-tta-user-id"]} ${i}`));
      const [alice, bob] = [await token("usr_alice"), await token("usr_bob")];
      const asAlice = { authorization: `Bearer ${alice}` };
      const asBob = { authorization: `Bearer ${bob}` };
      const a1 = (await get(`/me${path}`, asAlice)).text;
      const b1 = (await get(`/me${path}`, asBob)).text;
      const forgot = await purge({ user: "usr_alice" });
      assert.equal(forgot.status, 200);
      assert.ok(forgot.json().purged >= 1, "every answer kept for alice (an earlier test's too)");
      assert.notEqual((await get(`/me${path}`, asAlice)).text, a1, "alice's answer is gone");
      assert.equal((await get(`/me${path}`, asBob)).text, b1, "bob's stays");
      assert.equal((await purge({ tag: "chapter-1" })).json().purged, 2, "both users' answers carry the upstream's tag");
      const shared = fresh("route-purge");
      origin.on(shared, (_req, res, i) => res.writeHead(200, { "cache-control": "max-age=60" }).end(`v${i}`));
      await get(`/s${shared}`);
      assert.ok((await purge({ route: "shared" })).json().purged >= 1);
      assert.equal((await get(`/s${shared}`)).text, "v2");
      const bad = await purge({ route: "shared", tag: "x" });
      assert.deepEqual([bad.status, bad.json().error.code], [400, "GW_CACHE_INVALID"]);
      assert.equal((await purge({ all: true }, "Bearer wrong-token-wrong-token")).status, 403);
      const stats = await request(`${gateway.adminUrl}/cache/stats`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      assert.equal(stats.json().kind, storeKind);
    });
  });
}

describe("http cache while Redis is away", () => {
  let tdb: TestDatabase;
  let origin: Awaited<ReturnType<typeof scriptedOrigin>>;
  let redis: OwnRedis;
  let gateway: Gateway;
  let metrics: () => Promise<string>;

  before(async () => {
    tdb = await createTestDatabase("gwcacheaway");
    origin = await scriptedOrigin();
    redis = await startOwnRedis();
    await publishSnapshot(tdb.db, edgeSnapshot({ services: { origin: [origin.url] }, routes: [{ name: "shared", path: "/s/*", rewrite: "/*", service: "origin", cachePolicy: { enabled: true }, retryPolicy: { attempts: 1 } }] }));
    gateway = await startGateway({ databaseUrl: tdb.url, port: 0, adminPort: 0, logger: captureLogger("silent").logger, instanceId: "gw-cache-away", crisisClassifier: { kind: "off" }, redisUrl: redis.url });
    metrics = () => request(`${gateway.adminUrl}/metrics`).then((r) => r.text);
  });

  after(async () => {
    await gateway?.close();
    await redis?.stop();
    await origin?.close();
    await tdb?.drop();
  });

  test("requests go upstream uncached (answered, counted, said in Cache-Status); once Redis is back answers are cached again", async () => {
    origin.on("/away", (_req, res, i) => res.writeHead(200, { "cache-control": "max-age=60" }).end(`v${i}`));
    await redis.stop();
    const during = [await request(`${gateway.url}/s/away`), await request(`${gateway.url}/s/away`)];
    assert.deepEqual(during.map((a) => [a.status, a.text]), [[200, "v1"], [200, "v2"]], "every request answered by the upstream");
    assert.match(String(during[1]!.headers["cache-status"]), /fwd=bypass; detail=store-unavailable/);
    assert.match(await metrics(), /tta_gateway_cache_store_failures_total [1-9]/);
    await redis.start();
    const again = await waitFor("answers cached again", async () => {
      await request(`${gateway.url}/s/away`);
      const next = await request(`${gateway.url}/s/away`);
      return /; hit/.test(String(next.headers["cache-status"])) ? next : null;
    }, 15_000, 300);
    assert.equal(again.status, 200);
  });
});
