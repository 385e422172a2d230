// Issue #4 in the console: an admin tightens the seeded `default` rate-limit policy and publishes,
// and the gateway answers 429 with the new limit in its RateLimit headers within a second; a
// clinician, created on the Users page, can look at routes and policies but not change them,
// neither in the UI nor by calling the API directly.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env.ts";
import { publish, signIn, trpc, viaGateway, waitForGateway, type GatewayAnswer } from "./support.ts";

const clinician = { email: `clinician-${Date.now().toString(36)}@tta.local`, password: "a clinician's e2e password", name: "Cleo Clinician" };

let revisionBefore: number | null = null;

test.afterAll(async ({ browser }) => {
  // Give the next specs the seeded limits back: roll back to what was live before this spec.
  if (revisionBefore === null) return;
  const page = await browser.newPage({ baseURL: E2E.consoleUrl });
  await signIn(page);
  const res = await trpc(page.request, "config.rollback", { number: revisionBefore, message: "e2e policies: restore the limits" });
  expect(res.status).toBe(200);
  await page.close();
});

test("an admin tightens the default rate-limit policy; after publishing, the gateway answers 429 with the new limit within a second", async ({ page }) => {
  await signIn(page);
  revisionBefore = (await trpc(page.request, "config.status")).body.result.data.json.latest.number;

  // A public route on the default policy, so that nothing but the rate limit stands in the way.
  await page.getByRole("link", { name: "New route" }).click();
  await page.getByLabel("Name", { exact: true }).fill("limited");
  await page.getByLabel("Path", { exact: true }).fill("/limited/*");
  await page.getByLabel("Rewrite", { exact: true }).fill("/*");
  await page.getByLabel("Service", { exact: true }).selectOption("players");
  await page.getByLabel("Rate-limit policy", { exact: true }).selectOption("default");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByTestId("route-row-limited")).toBeVisible();
  await publish(page, "Add the limited route");
  const served = await waitForGateway("/limited/x", (a) => a.status === 200);
  expect(served.answer.body.service).toBe("players");

  await page.getByRole("link", { name: "Policies" }).click();
  await expect(page.getByRole("heading", { name: "Policies", level: 1 })).toBeVisible();
  await expect(page.getByTestId("rate-limit-row-default")).toContainText("limited");
  await page.getByRole("link", { name: "Edit rate-limit policy default" }).click();
  await expect(page.getByTestId("policy-used-by")).toContainText("limited");
  await page.getByLabel("Limit", { exact: true }).fill("3");
  await page.getByLabel("Window (s)", { exact: true }).fill("60");
  await page.getByLabel("Burst", { exact: true }).fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/policies$/);
  await expect(page.getByTestId("rate-limit-row-default")).toContainText("3 per 60 s");

  const revision = await publish(page, "Tighten the default rate limit");
  const started = Date.now();
  let limited: GatewayAnswer | undefined;
  while (Date.now() - started < 5_000) {
    const answer = await viaGateway("/limited/x");
    if (answer.status === 429) {
      limited = answer;
      break;
    }
    expect(answer.status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
  }
  const elapsedMs = Date.now() - started;
  test.info().annotations.push({ type: "429 after publish", description: `${elapsedMs} ms` });
  expect(limited, "the gateway never answered 429").toBeDefined();
  expect(elapsedMs).toBeLessThan(1000);
  const h = (name: string) => limited!.headers.get(name);
  expect(Number(h("retry-after"))).toBeGreaterThan(0);
  // The IETF draft's structured fields and the earlier drafts' headers, both with the new limit.
  expect(h("ratelimit-policy")).toBe('"default";q=3;w=60');
  expect(h("ratelimit")).toMatch(/^"default";r=0;t=\d+$/);
  expect([h("ratelimit-limit"), h("ratelimit-remaining")]).toEqual(["3", "0"]);
  expect(limited!.body.error.correlationId).toMatch(/^req_/);
  expect(limited!.body.error.code).toBe("GW_RATE_LIMITED");
  expect(limited!.body.error.retryable).toBe(true);

  // The revision history shows the policy change.
  await page.goto(`/revisions/${revision}`);
  await expect(page.getByTestId("diff-entry").filter({ hasText: "Rate-limit policy" })).toContainText("default");
});

test("a clinician created on the Users page can look at routes and policies but change nothing, in the UI or through the API", async ({ page }) => {
  await signIn(page);

  // A policy in use cannot be deleted; the refusal names the routes that use it.
  await page.getByRole("link", { name: "Policies" }).click();
  await page.getByRole("button", { name: "Delete rate-limit policy default" }).click();
  await page.getByRole("group", { name: "Delete rate-limit policy default?" }).getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("rate-limit-delete-error")).toContainText(/used by routes .*players-api/);
  await expect(page.getByTestId("rate-limit-row-default")).toBeVisible();

  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "New user" }).click();
  await page.getByLabel("Name", { exact: true }).fill(clinician.name);
  await page.getByLabel("Email", { exact: true }).fill(clinician.email);
  await page.getByLabel("Initial password", { exact: true }).fill("too short");
  await page.getByRole("group", { name: "Roles" }).getByRole("checkbox", { name: /^clinician/ }).check();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("field-error-password")).toContainText("at least 12 characters");
  await page.getByLabel("Initial password", { exact: true }).fill(clinician.password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("user-created")).toContainText(clinician.email);
  await expect(page.getByTestId(`user-row-${clinician.email}`)).toContainText("clinician");
  // No admin is offered to disable themselves.
  await expect(page.getByTestId(`user-row-${E2E.admin.email}`).getByRole("button", { name: `Disable ${E2E.admin.email}` })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, clinician);
  await expect(page.getByTestId("current-user")).toContainText("clinician");
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);

  // Routes: read-only.
  await expect(page.getByTestId("route-row-players-api")).toBeVisible();
  await expect(page.getByRole("link", { name: "New route" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete players-api" })).toHaveCount(0);
  await expect(page.getByRole("switch", { name: "Enabled players-api" })).toBeDisabled();
  await page.getByRole("link", { name: "View players-api" }).click();
  await expect(page.getByLabel("Path", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);

  // Policies: read-only.
  await page.getByRole("link", { name: "Policies" }).click();
  await expect(page.getByTestId("rate-limit-row-default")).toBeVisible();
  await expect(page.getByRole("link", { name: "New rate-limit policy" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New auth policy" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete rate-limit policy default" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "View rate-limit policy default" }).click();
  await expect(page.getByLabel("Limit", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);

  await page.goto("/users");
  await expect(page.getByTestId("users-admins-only")).toBeVisible();

  // The API refuses whatever the browser sends: 403, and nothing changes.
  const routes = (await trpc(page.request, "routes.list")).body.result.data.json as Array<Record<string, unknown> & { id: string; name: string }>;
  const players = routes.find((r) => r.name === "players-api")!;
  const policies = (await trpc(page.request, "policies.rateLimit.list")).body.result.data.json as Array<Record<string, unknown> & { name: string }>;
  const def = policies.find((p) => p.name === "default")!;
  const me = await (await page.request.get("/api/auth/session")).json();
  const attempts: Array<[string, unknown]> = [
    ["routes.update", { ...players, updatedAt: undefined, path: "/hijacked/*" }],
    ["routes.setEnabled", { id: players.id, enabled: false }],
    ["policies.rateLimit.update", { ...def, updatedAt: undefined, usedBy: undefined, limit: 1_000_000 }],
    ["policies.rateLimit.delete", { id: def.id }],
    ["config.publish", { message: "a clinician publishing" }],
    ["users.setRoles", { id: me.user.id, roles: ["admin"] }],
  ];
  for (const [path, input] of attempts) {
    const res = await trpc(page.request, path, input);
    expect(res.status, path).toBe(403);
    expect(res.body.error.json.data.code, path).toBe("FORBIDDEN");
  }
  const after = (await trpc(page.request, "routes.list")).body.result.data.json as Array<{ name: string; path: string; enabled: boolean }>;
  expect(after.find((r) => r.name === "players-api")).toMatchObject({ path: players.path, enabled: players.enabled });
  await expect(page.getByTestId("current-user")).toContainText("clinician");
});
