// The shared HTTP cache from the console: an admin turns caching on for the seeded public route
// auth-api and publishes, requests through the gateway are then answered from the cache, the hit
// ratio shows on the Operations page, and purging the route's cache there makes the next request
// miss. The demo upstreams send no Cache-Control at all, so the route's default TTL (300 s) is
// what makes their answers fresh. The route is put back as it was afterwards.
import { expect, test, type Page } from "@playwright/test";
import { publish, signIn, viaGateway, type GatewayAnswer } from "./support.ts";

const ROUTE = "auth-api";
/** Served by the demo auth service's echo (it handles only /auth/login, /auth/logout and JWKS). */
const PATH = "/api/auth/cache-e2e";
const LIVE = { timeout: 20_000 };

const cacheStatus = (a: GatewayAnswer) => a.headers.get("cache-status") ?? "";

/** Polled gently: the route's rate-limit policy allows 100 requests a minute. */
async function untilCacheStatus(check: (status: string) => boolean, timeoutMs = 10_000): Promise<GatewayAnswer> {
  const deadline = Date.now() + timeoutMs;
  let last: GatewayAnswer;
  do {
    last = await viaGateway(PATH);
    if (last.status === 200 && check(cacheStatus(last))) return last;
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  throw new Error(`${PATH}: last answer ${last.status}, Cache-Status "${cacheStatus(last)}"`);
}

async function setCaching(page: Page, on: boolean) {
  await page.goto("/routes");
  await page.getByRole("link", { name: `Edit ${ROUTE}` }).click();
  const box = page.getByLabel("Cache answers in the gateways' shared cache");
  await box.setChecked(on);
  if (on) {
    // Turned on from no policy: the schema's defaults, shown in the fields.
    await expect(page.getByLabel("Max TTL (s)")).toHaveValue("86400");
    await expect(page.getByLabel("Coalescing wait (ms)")).toHaveValue("5000");
    await page.getByLabel("Default TTL (s)").fill("300");
  }
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/routes$/);
  await expect(page.getByTestId(`route-cache-${ROUTE}`)).toHaveText(on ? "5 min" : "off");
  await publish(page, on ? `cache ${ROUTE} for 5 min` : `stop caching ${ROUTE}`);
}

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  try {
    await signIn(page);
    await page.goto("/routes");
    if ((await page.getByTestId(`route-cache-${ROUTE}`).textContent()) !== "off") await setCaching(page, false);
  } finally {
    await page.close();
  }
});

test("an admin caches a route, sees its hit ratio rise, purges it, and the next request misses", async ({ page }) => {
  await signIn(page);
  await setCaching(page, true);

  // The published policy reaches the gateway: a first answer is stored, the next one is a hit.
  await untilCacheStatus((s) => s.includes("stored") || s.includes("hit"));
  const hit = await untilCacheStatus((s) => /; hit\b/.test(s));
  expect(cacheStatus(hit)).toMatch(/^tta-gateway; hit; ttl=\d+/);
  for (let i = 0; i < 5; i++) expect(cacheStatus(await viaGateway(PATH))).toContain("; hit");

  await page.getByRole("link", { name: "Operations" }).click();
  await expect(page.getByRole("heading", { name: "Cache", level: 2 })).toBeVisible();
  const row = page.getByTestId(`cache-route-${ROUTE}`);
  // Roll-ups come every 2 s; keep a few hits flowing until one of them shows.
  await expect(async () => {
    await viaGateway(PATH);
    expect(Number((await row.getAttribute("data-hit-ratio")) || 0)).toBeGreaterThan(0);
  }).toPass(LIVE);
  await expect(page.getByTestId("chart-cache-hits")).toBeVisible();
  await expect(page.getByTestId("cache-route-players-api")).toHaveCount(0); // a route that does not cache is not listed

  await page.getByRole("link", { name: "Routes" }).click();
  await page.getByRole("button", { name: `Purge cache of ${ROUTE}` }).click();
  await expect(page.getByTestId("cache-purge-result")).toHaveText(new RegExp(`^Purged [1-9]\\d* stored answers? of ${ROUTE}\\.$`));

  const after = await viaGateway(PATH);
  expect(after.status).toBe(200);
  expect(cacheStatus(after)).toContain("fwd=");
  expect(cacheStatus(after)).not.toContain("hit");
});

test("an admin forgets a user from the Operations page's cache panel, after confirming", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Operations" }).click();
  await page.getByText("By user", { exact: true }).click();
  await page.getByRole("button", { name: "Forget this user" }).click();
  await expect(page.getByTestId("field-error-user")).toHaveText("name the user id");
  await page.getByLabel("User id").fill("usr_e2e_nobody");
  await page.getByRole("button", { name: "Forget this user" }).click();
  const confirm = page.getByRole("group", { name: "Confirm the purge" });
  await expect(confirm).toContainText("removes every stored answer for user usr_e2e_nobody on every route");
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("cache-purge-result")).toHaveText("Purged 0 stored answers of user usr_e2e_nobody.");
});
