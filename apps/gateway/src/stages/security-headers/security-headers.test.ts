import { test } from "node:test";
import assert from "node:assert/strict";
import { ZSnapshot } from "@tta/domain";
import { compileConfig } from "../../config/compile.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { fakeContext } from "../../testing/fake-context.ts";
import { SECURITY_HEADER_DEFAULTS } from "../../http/header-plan.ts";
import { planned, securityHeaders } from "./security-headers.ts";

const config = compileConfig(
  ZSnapshot.parse({
    schemaVersion: 1,
    services: [{ name: "web", instances: [{ url: "http://127.0.0.1:4102" }] }],
    routes: [{ id: "rt_1", name: "web", path: "/web/*", service: "web", headers: { "content-security-policy": "default-src 'self'", "x-frame-options": null, "x-extra": "1" } }],
  }),
  { revision: 1, checksum: "c" },
);

test("the gateway's own answers over TLS carry every default security header", async () => {
  const { ctx, answer } = fakeContext({ secure: true });
  await securityHeaders()(ctx, async () => sendError(ctx, "GW_ROUTE_NOT_FOUND"));
  for (const [name, value] of Object.entries(SECURITY_HEADER_DEFAULTS)) assert.equal(answer.headers[name], value, name);
  assert.equal(answer.status, 404);
});

test("over plain HTTP every default but Strict-Transport-Security, and the upstream's HSTS does not pass either", async () => {
  const { ctx, answer } = fakeContext({ config });
  ctx.match = { route: config.routes[0]!, upstreamPath: "/web/x" };
  await securityHeaders()(ctx, async () => void ctx.res.writeHead(200, { "Strict-Transport-Security": "max-age=1", "content-type": "text/plain" }));
  assert.equal(answer.headers["strict-transport-security"], undefined);
  assert.equal(answer.headers["x-content-type-options"], "nosniff");
  const secure = fakeContext({ config, secure: true });
  secure.ctx.match = { route: config.routes[0]!, upstreamPath: "/web/x" };
  await securityHeaders()(secure.ctx, async () => void secure.ctx.res.writeHead(200, { "Strict-Transport-Security": "max-age=1" }));
  assert.equal(secure.answer.headers["strict-transport-security"], SECURITY_HEADER_DEFAULTS["strict-transport-security"], "the gateway's value, not the upstream's");
});

test("an upstream's leaking and conflicting headers lose; a route's overrides apply; Vary is merged", async () => {
  const { ctx, answer } = fakeContext({ config });
  ctx.match = { route: config.routes[0]!, upstreamPath: "/web/x" };
  await securityHeaders()(ctx, async () => {
    ctx.res.setHeader("vary", "Origin");
    ctx.res.setHeader("access-control-allow-origin", "https://app.tta.dev");
    ctx.res.writeHead(200, "OK", {
      server: "Apache/2.4.1 (Unix)",
      "X-Powered-By": "Express",
      "x-aspnet-version": "4.0",
      "content-security-policy": "default-src *",
      "x-frame-options": "SAMEORIGIN",
      "access-control-allow-origin": "*",
      vary: "Accept-Encoding",
      "content-type": "application/json",
    });
  });
  const h = answer.headers;
  for (const leak of ["server", "x-powered-by", "x-aspnet-version"]) assert.equal(h[leak], undefined, leak);
  assert.equal(h["content-security-policy"], "default-src 'self'", "the route's value, not the upstream's");
  assert.equal(h["x-frame-options"], "SAMEORIGIN", "dropped by the route: the upstream's passes");
  assert.equal(h["x-extra"], "1");
  assert.equal(h["x-content-type-options"], "nosniff");
  assert.equal(h["access-control-allow-origin"], "https://app.tta.dev", "CORS belongs to the gateway");
  assert.equal(h["vary"], "Origin, Accept-Encoding");
  assert.equal(h["content-type"], "application/json");
});

test("an answer that says nothing about caching gets no-store, on caching routes too (the gateway's own TTL is for its cache only); an upstream's own Cache-Control stays", async () => {
  const cached = compileConfig(
    ZSnapshot.parse({
      schemaVersion: 1,
      services: [{ name: "web", instances: [{ url: "http://127.0.0.1:4102" }] }],
      routes: [
        { id: "rt_1", name: "plain", path: "/plain/*", service: "web" },
        { id: "rt_2", name: "cached", path: "/cached/*", service: "web", cachePolicy: { ttlSeconds: 60 } },
      ],
    }),
    { revision: 1, checksum: "c" },
  );
  const answer = async (route: string, headers: Record<string, string>) => {
    const fake = fakeContext({ config: cached });
    fake.ctx.match = { route: cached.routes.find((r) => r.name === route)!, upstreamPath: "/" };
    await securityHeaders()(fake.ctx, async () => void fake.ctx.res.writeHead(200, "OK", { ...headers }));
    return fake.answer.headers["cache-control"];
  };
  assert.equal(await answer("plain", {}), "no-store");
  assert.equal(await answer("plain", { "Cache-Control": "public, max-age=60" }), "public, max-age=60");
  assert.equal(await answer("cached", {}), "no-store");
  assert.equal(await answer("cached", { "Cache-Control": "max-age=60" }), "max-age=60");
  assert.equal(SECURITY_HEADER_DEFAULTS["strict-transport-security"], "max-age=63072000; includeSubDomains");
  assert.equal(SECURITY_HEADER_DEFAULTS["x-dns-prefetch-control"], "off");
  assert.equal(SECURITY_HEADER_DEFAULTS["x-permitted-cross-domain-policies"], "none");
});

test("the gateway's answer headers (RateLimit) go on the answer and beat the upstream's own", () => {
  const { ctx } = fakeContext({ config });
  ctx.match = { route: config.routes[0]!, upstreamPath: "/web/x" };
  ctx.answerHeaders = { ratelimit: '"default";r=4;t=60', "ratelimit-limit": "5" };
  const out = planned(ctx, ctx.res, { RateLimit: '"upstream";r=0;t=1', "ratelimit-limit": "999", "RateLimit-Policy": '"upstream";q=1', "content-type": "application/json" });
  assert.equal(out["ratelimit"], '"default";r=4;t=60');
  assert.equal(out["RateLimit"], undefined, "the upstream's, under any spelling, is gone");
  assert.equal(out["ratelimit-limit"], "5");
  assert.equal(out["RateLimit-Policy"], '"upstream";q=1', "a RateLimit header the gateway did not set stays the upstream's");
  assert.equal(out["content-type"], "application/json");
  assert.equal(out["x-content-type-options"], "nosniff");
});
