// Issue 8, part 5: the console keeps a signed-in browser on its own origin (callbackUrl), refuses
// state-changing calls from other origins, and sends a nonce-based CSP and the other security
// headers without breaking its pages.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env.ts";
import { ensureUser, sameOrigin, signIn } from "./support.ts";

const ORIGIN = new URL(E2E.consoleUrl).origin;
const EVIL = "https://evil.example";

// Backslash, tab and newline forms (as text and percent-encoded), protocol-relative, other origins, other schemes.
const HOSTILE_CALLBACKS = [
  "/\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\\t/evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%2F/evil.example",
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  " //evil.example",
  "https://evil.example/routes",
  "javascript:alert(document.domain)",
];

/** Any page on evil.example answers "evil", so a redirect that escapes lands somewhere visible. */
async function trapEvil(page: Page) {
  await page.context().route(/^https?:\/\/evil\.example\//, (route) => route.fulfill({ contentType: "text/plain", body: "evil" }));
}

test("sign-in with a hostile callbackUrl ends on the console's own origin", async ({ page }) => {
  test.setTimeout(120_000); // fifteen sign-ins
  await trapEvil(page);
  for (const callbackUrl of HOSTILE_CALLBACKS) {
    // Leave the console first: a console page that sees its session cookie vanish navigates to
    // the sign-in page itself, and that navigation could abort the goto below (seen once in CI).
    await page.goto("about:blank");
    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(E2E.admin.email);
    await page.getByLabel("Password").fill(E2E.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, JSON.stringify(callbackUrl)).toHaveURL(`${ORIGIN}/overview`); // the admin's start page
    await expect(page.getByTestId("current-user")).toBeVisible();
    // Signed in already, the sign-in page sends the browser on by the same rule.
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await expect(page, JSON.stringify(callbackUrl)).toHaveURL(`${ORIGIN}/overview`); // the admin's start page
    await expect(page.getByTestId("current-user")).toBeVisible();
  }
});

test("a same-origin callbackUrl is followed after sign-in", async ({ page }) => {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/policies")}`);
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${ORIGIN}/policies`);
});

test("next-auth's own redirects stay on the console's origin", async ({ request }) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "/\\evil.example", json: "true" }, headers: sameOrigin });
  expect(res.status()).toBe(200);
  expect((await res.json()).url).toBe(`${ORIGIN}/`);
});

test("a tRPC mutation from another origin gets 403 CONSOLE_FORBIDDEN_ORIGIN; from the console's origin it works", async ({ page }) => {
  await signIn(page);
  const call = (headers: Record<string, string>) => page.request.post("/api/trpc/safety.rules.test", { data: { json: { message: "hello there" } }, headers });

  const refused: Array<Record<string, string>> = [{ origin: EVIL }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { origin: EVIL, "sec-fetch-site": "same-origin" }, {}];
  for (const headers of refused) {
    const res = await call(headers);
    expect(res.status(), JSON.stringify(headers)).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe("CONSOLE_FORBIDDEN_ORIGIN");
    expect(body.error.message).toMatch(/did not come from a console page/);
    expect(body.error.correlationId).toMatch(/^req_/);
  }

  const ok = await call(sameOrigin);
  expect(ok.status()).toBe(200);
  expect((await call({ "sec-fetch-site": "same-origin" })).status()).toBe(200);
  // Reads are not affected.
  expect((await page.request.get("/api/trpc/routes.list", { headers: { origin: EVIL } })).status()).toBe(200);
});

test("next-auth's POST endpoints refuse another origin", async ({ request }) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const form = { csrfToken, email: E2E.admin.email, password: E2E.admin.password, json: "true" };
  const res = await request.post("/api/auth/callback/credentials", { form, headers: { origin: EVIL }, maxRedirects: 0 });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("CONSOLE_FORBIDDEN_ORIGIN");
  expect(res.headers()["set-cookie"] ?? "").not.toContain("session-token");
});

test("pages carry a per-request nonce CSP, Permissions-Policy, COOP and CORP; no HSTS or Secure cookies over http", async ({ request }) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    for (const part of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'"]) expect(csp).toContain(part);
    const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
    expect(await res.text()).toContain(`nonce="${nonce}"`); // Next put it on its scripts
    nonces.push(nonce);
    expect(h["permissions-policy"]).toContain("camera=()");
    expect(h["cross-origin-opener-policy"]).toBe("same-origin");
    expect(h["cross-origin-resource-policy"]).toBe("same-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    // Plain http, and no proxy is trusted (CONSOLE_TRUST_PROXY), so the client's X-Forwarded-Proto counts for nothing.
    expect(h["strict-transport-security"]).toBeUndefined();
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("the pages work under the CSP: no violations, live views connected, charts drawn", async ({ page, browser }) => {
  const violations: string[] = [];
  const watch = (p: Page) => {
    p.on("console", (m) => {
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|connect|apply)/i.test(m.text())) violations.push(`${p.url()}: ${m.text()}`);
    });
    p.on("pageerror", (e) => violations.push(`${p.url()}: ${e.message}`));
  };
  watch(page);
  await signIn(page);
  const session = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  expect(session?.secure).toBe(false);
  expect(session?.httpOnly).toBe(true);
  for (const path of ["/routes", "/routes/new", "/policies", "/revisions", "/users", "/audit", "/safety"]) {
    await page.goto(path);
    await expect(page.getByTestId("current-user")).toBeVisible();
  }
  await page.goto("/operations");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", { timeout: 15_000 });
  await expect(page.getByTestId("chart-requests").locator("svg").first()).toBeVisible({ timeout: 15_000 });

  const clinician = await ensureUser({ email: "clinician-csp@tta.local", password: "e2e-only-clinician-password", name: "Cas Clinician", role: "clinician" });
  const context = await browser.newContext({ baseURL: E2E.consoleUrl });
  const other = await context.newPage();
  watch(other);
  await signIn(other, clinician);
  const live = other.waitForResponse((r) => r.url().includes("/api/trpc/escalations.live"));
  await other.goto("/escalations");
  await expect(other.getByRole("heading", { name: "Escalations", level: 1 })).toBeVisible();
  const stream = await live;
  expect(stream.status()).toBe(200);
  expect(stream.headers()["content-type"]).toContain("text/event-stream");
  await context.close();
  expect(violations).toEqual([]);
});
