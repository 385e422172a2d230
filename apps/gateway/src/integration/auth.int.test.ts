// Authentication and authorisation end to end: real Postgres, a real gateway, a loopback JWKS and
// echoing upstreams. What the upstream sees is what matters: the verified identity, never a
// client's own x-tta-* headers.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@tta/db/testing";
import { startGateway, type Gateway } from "../index.ts";
import { captureLogger } from "../testing/capture-logger.ts";
import { sign, startJwksServer, testKey, TEST_AUDIENCE, TEST_HMAC_SECRET, TEST_ISSUER, type JwksServer } from "../testing/jwt.ts";
import { edgeSnapshot, rawExchange } from "./helpers/edge-fixtures.ts";
import { publishSnapshot, startUpstreams } from "./helpers/fixtures.ts";
import { request, type Echo } from "./helpers/http-client.ts";

describe("authentication and authorisation through the gateway", () => {
  let tdb: TestDatabase;
  let gateway: Gateway;
  let jwks: JwksServer;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  const es = testKey("ES256", "ec-1");
  const rs = testKey("RS256", "rsa-1");
  const log = captureLogger("warn");

  before(async () => {
    tdb = await createTestDatabase("gwauth");
    jwks = await startJwksServer([es.publicJwk]);
    upstreams = await startUpstreams("players", "clinic");
    const [players, clinic] = upstreams;
    const common = { issuer: TEST_ISSUER, audiences: [TEST_AUDIENCE] };
    await publishSnapshot(
      tdb.db,
      edgeSnapshot({
        services: { players: [players!.url], clinic: [clinic!.url] },
        authPolicies: [
          { name: "tta", ...common, algorithms: ["ES256", "RS256"], jwksUrl: jwks.url, publicKeys: [rs.publicPem] },
          { name: "partner", ...common, algorithms: ["HS256"], secretRef: "PARTNER_JWT_SECRET" },
        ],
        routes: [
          { name: "open", path: "/api/open/*", rewrite: "/open/*", service: "players", authPolicy: "tta" },
          { name: "players-api", path: "/api/players/*", rewrite: "/players/*", service: "players", auth: "authenticated", authPolicy: "tta" },
          { name: "clinic-api", path: "/api/clinic/*", rewrite: "/clinic/*", service: "clinic", auth: "restricted", authPolicy: "tta", requiredRoles: ["clinician"], requiredPermissions: ["events:read"] },
          { name: "partner-api", path: "/api/partner/*", rewrite: "/partner/*", service: "players", auth: "authenticated", authPolicy: "partner" },
        ],
      }),
    );
    gateway = await startGateway({
      databaseUrl: tdb.url,
      port: 0,
      adminPort: 0,
      pollIntervalMs: 500,
      logger: log.logger,
      instanceId: "gw-auth",
      jwtSecrets: new Map([["PARTNER_JWT_SECRET", TEST_HMAC_SECRET]]),
      jwks: { cooldownMs: 300 },
    });
  });

  after(async () => {
    await gateway?.close();
    await Promise.all(upstreams.map((u) => u.close()));
    await jwks?.close();
    await tdb?.drop();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  test("a valid token from each key source reaches the upstream with the verified identity", async () => {
    const tokens = [
      await sign(es, { subject: "usr_es", claims: { roles: ["player"], permissions: ["sessions:read"], tta_session: "ses_1" } }), // JWKS
      await sign(rs, { subject: "usr_rs", kid: null }), // PEM in the policy
    ];
    for (const token of tokens) {
      const res = await request(`${gateway.url}/api/players/42`, { headers: bearer(token) });
      assert.equal(res.status, 200, res.text);
      const echo = res.json<Echo>();
      assert.match(String(echo.headers["x-tta-user-id"]), /^usr_(es|rs)$/);
      assert.equal(echo.headers["x-tta-roles"], "player");
      assert.equal(echo.headers["x-tta-auth-policy"], "tta");
    }
    const withSession = (await request(`${gateway.url}/api/players/42`, { headers: bearer(tokens[0]!) })).json<Echo>();
    assert.equal(withSession.headers["x-tta-session-id"], "ses_1");
    assert.equal(withSession.headers["x-tta-permissions"], "sessions:read");
    const partner = await request(`${gateway.url}/api/partner/x`, { headers: bearer(await sign(TEST_HMAC_SECRET, { subject: "usr_partner" })) });
    assert.equal(partner.status, 200);
    assert.equal(partner.json<Echo>().headers["x-tta-user-id"], "usr_partner");
  });

  test("forged identity headers never reach the upstream: not alone, not beside a token, not on public routes, not in any spelling", async () => {
    const forged = { "x-tta-user-id": "usr_admin", "x-tta-roles": "admin,clinician", "x-tta-clearance": "crisis", "x-tta-session-id": "ses_x", "x-tta-auth-policy": "tta" };
    const anonymous = await request(`${gateway.url}/api/open/1`, { headers: forged });
    assert.equal(anonymous.status, 200);
    assert.deepEqual(Object.keys(anonymous.json<Echo>().headers).filter((h) => h.startsWith("x-tta-") && !["x-tta-config-revision", "x-tta-route"].includes(h)), []);

    const withToken = await request(`${gateway.url}/api/players/1`, { headers: { ...forged, ...bearer(await sign(es, { subject: "usr_bob", claims: { roles: ["player"] } })) } });
    const seen = withToken.json<Echo>().headers;
    assert.equal(seen["x-tta-user-id"], "usr_bob");
    assert.equal(seen["x-tta-roles"], "player");
    assert.equal(seen["x-tta-clearance"], undefined);
    assert.equal(seen["x-tta-session-id"], undefined);

    // Raw: repeated headers, odd case, the underscore spelling CGI servers fold into the same name.
    const token = await sign(es, { subject: "usr_carol", claims: { roles: ["player"] } });
    const raw = await rawExchange(
      gateway.port,
      `GET /api/players/2 HTTP/1.1\r\nHost: gw\r\nX-TTA-User-Id: usr_admin\r\nx-tta-user-id: usr_root\r\nX_TTA_ROLES: admin\r\nx-tta_clearance: crisis\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(raw.status, 200);
    const echoed = JSON.parse(raw.body.replace(/^[0-9a-f]+\r\n/, "").replace(/\r\n0\r\n\r\n$/, "")) as Echo;
    assert.equal(echoed.headers["x-tta-user-id"], "usr_carol");
    assert.equal(echoed.headers["x-tta-roles"], "player");
    assert.deepEqual(Object.keys(echoed.headers).filter((h) => /^x[-_]tta[-_]/i.test(h)).sort(), ["x-tta-auth-policy", "x-tta-config-revision", "x-tta-permissions", "x-tta-roles", "x-tta-route", "x-tta-user-id"]);
  });

  test("401 without a token and with a bad one, as JSON with the correlation id and a challenge", async () => {
    const none = await request(`${gateway.url}/api/players/1`);
    assert.equal(none.status, 401);
    assert.equal(none.json().error.code, "GW_AUTH_REQUIRED");
    assert.equal(none.json().error.correlationId, none.headers["x-request-id"]);
    assert.equal(none.headers["www-authenticate"], 'Bearer realm="tta"');
    const expired = await request(`${gateway.url}/api/players/1`, { headers: bearer(await sign(es, { expiresIn: -3600 })) });
    assert.equal(expired.status, 401);
    assert.equal(expired.json().error.code, "GW_AUTH_INVALID");
    assert.match(String(expired.headers["www-authenticate"]), /error="invalid_token"/);
    const wrongKey = await request(`${gateway.url}/api/partner/1`, { headers: bearer(await sign("some-other-secret-that-is-long-enough-123")) });
    assert.equal(wrongKey.status, 401);
  });

  test("restricted: 403 names the missing role or permission; the right ones pass", async () => {
    const player = await request(`${gateway.url}/api/clinic/queue`, { headers: bearer(await sign(es, { claims: { roles: ["player"], permissions: ["events:read"] } })) });
    assert.equal(player.status, 403);
    assert.equal(player.json().error.code, "GW_FORBIDDEN");
    assert.match(player.json().error.message, /the role clinician/);
    const noPermission = await request(`${gateway.url}/api/clinic/queue`, { headers: bearer(await sign(es, { claims: { roles: ["clinician"], permissions: [] } })) });
    assert.match(noPermission.json().error.message, /the permission events:read/);
    const clinician = await request(`${gateway.url}/api/clinic/queue`, { headers: bearer(await sign(es, { claims: { roles: ["clinician"], permissions: ["events:read"], tta_clearance: "clinical" } })) });
    assert.equal(clinician.status, 200);
    assert.equal(clinician.json<Echo>().headers["x-tta-clearance"], "clinical");
  });

  test("a key added to the JWKS (rotation) is picked up on its first token after the fetch cooldown, without a publish", async () => {
    const rotated = testKey("ES256", "ec-2");
    jwks.keys.push(rotated.publicJwk);
    await new Promise((r) => setTimeout(r, 350));
    const res = await request(`${gateway.url}/api/players/1`, { headers: bearer(await sign(rotated, { subject: "usr_rotated" })) });
    assert.equal(res.status, 200);
    assert.equal(res.json<Echo>().headers["x-tta-user-id"], "usr_rotated");
  });
});
