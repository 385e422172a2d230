import { test } from "node:test";
import assert from "node:assert/strict";
import { fakeContext } from "../../testing/fake-context.ts";
import { httpsLocation, httpsRedirect } from "./https-redirect.ts";

test("the location keeps host, path and query, swaps the port for the HTTPS one (none for 443)", () => {
  assert.equal(httpsLocation("api.tta.dev:8080", "/players/7?x=1", 8443), "https://api.tta.dev:8443/players/7?x=1");
  assert.equal(httpsLocation("API.tta.dev", "/", 443), "https://api.tta.dev/");
  assert.equal(httpsLocation("[::1]:8080", "/a", 8443), "https://[::1]:8443/a");
  assert.equal(httpsLocation("gw", "*", 8443), "https://gw:8443/", "an asterisk-form target is not a path");
  assert.equal(httpsLocation(undefined, "/a", 8443), null);
});

test("GET and HEAD are redirected with 308; other methods and upgrades get 403 GW_HTTPS_REQUIRED with the address", async () => {
  for (const method of ["GET", "HEAD"]) {
    const { ctx, answer } = fakeContext({ method, url: "/p?q=1", headers: { host: "gw:8080" } });
    await httpsRedirect({ httpsPort: 8443 })(ctx, async () => assert.fail("answers"));
    assert.equal(answer.status, 308);
    assert.equal(answer.headers.location, "https://gw:8443/p?q=1");
    assert.equal(answer.body, method === "HEAD" ? "" : JSON.stringify({ location: "https://gw:8443/p?q=1" }));
  }
  const { ctx, answer } = fakeContext({ method: "POST", url: "/p", headers: { host: "gw" } });
  await httpsRedirect({ httpsPort: 8443 })(ctx, async () => assert.fail("answers"));
  assert.equal(answer.status, 403);
  const body = JSON.parse(answer.body);
  assert.equal(body.error.code, "GW_HTTPS_REQUIRED");
  assert.deepEqual(body.error.details, { location: "https://gw:8443/p" });
  assert.equal(answer.headers.location, undefined, "not a redirect");

  const upgrade = fakeContext({ method: "GET", url: "/ws", headers: { host: "gw" } });
  upgrade.ctx.upgrade = { socket: null as never, head: Buffer.alloc(0), upgraded: false, handshake: {} };
  await httpsRedirect({ httpsPort: 8443 })(upgrade.ctx, async () => assert.fail("answers"));
  assert.equal(upgrade.answer.status, 403);
});
