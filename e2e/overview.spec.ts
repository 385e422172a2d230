// Console v2, the overview: admins and operators land on /overview, whose tiles follow the
// gateways live (a demo upstream killed through the test hook, see e2e/env.ts, shows up within
// seconds without a reload, and recovers); each tile opens its page; clinicians land on their
// queue; whoever is not a clinician sees escalation counts only.
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./env.ts";
import { demoAccessToken, demoUpstream, demoUpstreamUrl, ensureUser, signIn, viaGateway } from "./support.ts";

const run = Date.now().toString(36);
const clinician = { email: `clinician-overview-${run}@tta.local`, password: "e2e-only-clinician-password", name: "Cora Clinician", role: "clinician" } as const;
const operator = { email: `operator-overview-${run}@tta.local`, password: "e2e-only-operator-password", name: "Oona Operator", role: "operator" } as const;
const CRISIS = "I can't take it anymore. I want to kill myself tonight, I have the pills ready. Mail me at jo.player@example.org";

/** Health checks run every 2 s and need 2 results to change rotation; the open breaker is one event away. */
const LIVE = { timeout: 15_000 };
const SECONDS = { timeout: 5_000 };

test.beforeAll(async () => {
  await ensureUser(clinician);
  await ensureUser(operator);
});

test.afterEach(async () => {
  await demoUpstream("sessions", "up").catch(() => {});
});

async function openOverview(page: Page, who: { email: string; password: string } = E2E.admin) {
  await signIn(page, who, null);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", LIVE);
  await expect(page.getByTestId("tile-gateways")).toHaveAttribute("data-value", "1", LIVE);
  // Marks this document: a reload or navigation would lose it.
  await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

const sameDocument = (page: Page) => page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument === true);
const tileValue = (page: Page, tile: string) => async () => Number(await page.getByTestId(tile).getAttribute("data-value"));

test("overview tiles follow a killed upstream", async ({ page }) => {
  test.setTimeout(120_000);
  const origin = await demoUpstreamUrl("sessions");
  const token = await demoAccessToken("player");
  const auth = { headers: { authorization: `Bearer ${token}` } };
  await openOverview(page);
  const breakers = page.getByTestId("tile-breakers");
  const outOfRotation = page.getByTestId("tile-out-of-rotation");
  await expect(breakers).toHaveAttribute("data-value", "0", LIVE);
  await expect(outOfRotation).toHaveAttribute("data-value", "0", LIVE);
  await expect(outOfRotation).toContainText(/All \d+ instances in rotation/);

  await demoUpstream("sessions", "down");
  // sessions is therapeutic: its breaker opens after 3 failures.
  for (let i = 0; i < 4; i++) {
    const answer = await viaGateway("/api/sessions/1", auth);
    expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(500);
  }
  const sent = Date.now();
  await expect(breakers).toHaveAttribute("data-value", "1", SECONDS);
  await expect(breakers).toHaveAttribute("data-tone", "alert");
  await expect(breakers).toContainText("sessions");
  await expect(breakers).toContainText(origin);
  expect(Date.now() - sent, "the open breaker reached the overview within seconds").toBeLessThan(5_000);
  // The failed requests reach the traffic tiles through the gateway's next roll-up.
  await expect.poll(tileValue(page, "tile-errors"), SECONDS).toBeGreaterThan(0);
  await expect.poll(tileValue(page, "tile-request-rate"), SECONDS).toBeGreaterThan(0);
  await expect(page.getByTestId("tile-p99")).not.toHaveAttribute("data-value", "");
  // Health checks take it out of rotation by themselves.
  await expect(outOfRotation).toHaveAttribute("data-value", "1", LIVE);
  await expect(outOfRotation).toContainText(`sessions ${origin}`);
  await expect(outOfRotation).toHaveAttribute("data-tone", "alert");
  expect(await sameDocument(page)).toBe(true);

  await demoUpstream("sessions", "up");
  await expect(outOfRotation).toHaveAttribute("data-value", "0", LIVE);
  await expect(outOfRotation).toHaveAttribute("data-tone", "ok");
  // The breaker half-opens when its open time (15 s) is over (the tile says so: 0 open, 1 probing);
  // requests are its probes, and two successes close it.
  await expect
    .poll(async () => {
      await viaGateway("/api/sessions/1", auth);
      return breakers.getAttribute("data-tone");
    }, { timeout: 40_000, intervals: [1_000] })
    .toBe("ok");
  await expect(breakers).toHaveAttribute("data-value", "0");
  await expect(breakers).toContainText("Every breaker closed.");
  expect(await sameDocument(page)).toBe(true);
});

test("each tile opens its page; the brand and the first nav link lead back to the overview", async ({ page }) => {
  await openOverview(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = page.getByTestId("menu-button");
  if (await menu.isVisible()) await menu.click();
  await expect(nav.getByRole("link").first()).toHaveText("Overview");
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  const tiles: [string, RegExp, string][] = [
    ["tile-gateways", /\/operations$/, "Operations"],
    ["tile-request-rate", /\/operations$/, "Operations"],
    ["tile-errors", /\/operations$/, "Operations"],
    ["tile-p99", /\/operations$/, "Operations"],
    ["tile-breakers", /\/operations$/, "Operations"],
    ["tile-out-of-rotation", /\/operations$/, "Operations"],
    ["tile-revision", /\/revisions$/, "Revisions"],
    ["tile-escalations", /\/escalations$/, "Escalations"],
  ];
  for (const [tile, url, heading] of tiles) {
    await page.getByTestId(tile).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await page.getByRole("link", { name: /TTA Gateway/ }).click();
    await expect(page).toHaveURL(/\/overview$/);
  }

  // The revision tile says what is live and whether anything waits to be published.
  const revision = page.getByTestId("tile-revision");
  await expect(revision).toHaveAttribute("data-value", /^\d+$/);
  await expect(page.getByTestId("tile-unpublished")).toHaveAttribute("data-unpublished", /true|false/);

  // "/" sends a signed-in admin to the overview too.
  await page.goto("/");
  await expect(page).toHaveURL(/\/overview$/);
});

test("an operator lands on the overview; a clinician lands on the queue and sees the escalation counts", async ({ browser }) => {
  const asOperator = await (await browser.newContext({ baseURL: E2E.consoleUrl })).newPage();
  await openOverview(asOperator, operator);
  await expect(asOperator.getByTestId("tile-breakers")).toBeVisible();
  await asOperator.context().close();

  const page = await (await browser.newContext({ baseURL: E2E.consoleUrl })).newPage();
  await signIn(page, clinician, null);
  await expect(page).toHaveURL(/\/escalations$/);
  await expect(page.getByTestId("escalation-counts")).toBeVisible();
  await expect(page.getByRole("link", { name: "Overview" })).toHaveCount(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/escalations$/);
  // Sent there by hand, a clinician gets the tiles their role may read: the counts, no gateway figures.
  // With a crisis waiting, a clinician's tile names the most urgent one's kind, never its text.
  const token = await demoAccessToken("player");
  await viaGateway("/api/chat/messages", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ message: CRISIS }) });
  await page.goto("/overview");
  await expect(page.getByTestId("overview-limited")).toBeVisible();
  await expect(page.getByTestId("tile-escalations")).toHaveAttribute("data-value", /^[1-9]\d*$/, LIVE);
  await expect(page.getByTestId("tile-most-urgent")).toContainText(/Most urgent: (critical|high) .+, waiting/, LIVE);
  await expect(page.getByTestId("tile-counts-only")).toHaveCount(0);
  expect(await page.locator("main").textContent()).not.toContain("kill myself");
  await expect(page.getByTestId("tile-breakers")).toHaveCount(0);
  await page.context().close();
});

test("a non-clinician sees escalation counts only on the overview, never what a player wrote", async ({ page }) => {
  // chat-api is seeded on "monitor": the gateway records the crisis and forwards the message.
  const token = await demoAccessToken("player");
  await openOverview(page);
  const tile = page.getByTestId("tile-escalations");
  await expect(tile).toHaveAttribute("data-value", /^\d+$/);
  const before = Number(await tile.getAttribute("data-value"));
  const queueCalls: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("escalations.queue")) queueCalls.push(r.url());
  });

  const answer = await viaGateway("/api/chat/messages", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ message: CRISIS }),
  });
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
  // A detection may fold into an event this player already has open: the count need not grow, but it is there.
  await expect.poll(async () => Number(await tile.getAttribute("data-value")), LIVE).toBeGreaterThanOrEqual(Math.max(before, 1));
  const severe = async () => Number(await page.getByTestId("tile-severity-critical").textContent()) + Number(await page.getByTestId("tile-severity-high").textContent());
  await expect.poll(severe, LIVE).toBeGreaterThan(0);
  await expect(page.getByTestId("tile-counts-only")).toBeVisible();
  await expect(page.getByTestId("tile-most-urgent")).toHaveCount(0);
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).not.toContain("kill myself");
  expect(text).not.toContain("jo.player");
  expect(queueCalls).toEqual([]);
});
