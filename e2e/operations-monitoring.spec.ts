// Console v2, Operations monitoring: an operator reads traffic by status class (a burst on the
// rate-limited auth-refresh route shows up as 429s, not as "errors" or nothing), sorts the per-route
// table, toggles a chart's series from its legend, switches the time range (1 h comes from the
// buckets the gateway keeps), sees requests no route matched as "unmatched" (not a route "none"),
// and reads each breaker's rolling counts. Everything goes through the real gateway.
import { expect, test, type Page } from "@playwright/test";
import { instanceTestId } from "../apps/console/src/components/operations/test-ids.ts";
import { demoAccessToken, demoUpstreamUrl, ensureUser, signIn, viaGateway } from "./support.ts";

const operator = { email: "operator-monitoring@tta.local", password: "e2e-only-operator-password", name: "E2E Monitoring", role: "operator" } as const;
// Roll-ups every 2 s, the 1 h range's buckets close every 30 s.
const LIVE = { timeout: 15_000 };
const BUCKET = { timeout: 45_000 };

test.beforeAll(async () => {
  await ensureUser(operator);
});

async function openOperations(page: Page) {
  await signIn(page, operator);
  await page.goto("/operations");
  await expect(page.getByRole("heading", { name: "Operations", level: 1 })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", LIVE);
}

/** The seeded auth-refresh route allows 10 POSTs a minute per client address, with no burst. */
async function burstOnRefresh(n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const answer = await viaGateway("/api/auth/refresh", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refreshToken: "e2e-not-a-token" }) });
    statuses.push(answer.status);
  }
  return statuses;
}

const numberOf = async (page: Page, testId: string, attribute: string) => Number(await page.getByTestId(testId).getAttribute(attribute));

test("a burst on a rate-limited route shows as 429s in the status chart and the per-route table, which sorts by any column", async ({ page }) => {
  await openOperations(page);
  const statuses = await burstOnRefresh(16);
  const limited = statuses.filter((s) => s === 429).length;
  expect(limited, `statuses: ${statuses.join(" ")}`).toBeGreaterThanOrEqual(6);

  const row = page.getByTestId("traffic-row-auth-refresh");
  await expect.poll(() => numberOf(page, "traffic-row-auth-refresh", "data-status429"), LIVE).toBeGreaterThanOrEqual(limited);
  // 429 is its own column, not folded into 4xx nor into failures.
  await expect(row.getByRole("cell").nth(3)).toHaveText(/^[1-9]\d*$/); // the 429 column
  expect(Number(await row.getAttribute("data-status5xx"))).toBe(0);
  const status = page.getByTestId("chart-status");
  await expect(status.getByRole("button", { name: "429 rate limited" })).toBeVisible();
  await expect(page.getByTestId("chart-errors")).toHaveCount(0); // no error-rate chart that only counts 5xx

  // Sorting: 429 descending puts auth-refresh first; again, ascending; by name, alphabetical.
  const table = page.getByTestId("route-traffic-table");
  await expect(page.getByRole("table", { name: "Traffic per route" })).toBeVisible();
  const names = () => table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { key: string } }).dataset.key));
  await table.getByRole("button", { name: "429" }).click();
  await expect(table).toHaveAttribute("data-sort", "429:desc");
  await expect(table.getByRole("columnheader", { name: "429" })).toHaveAttribute("aria-sort", "descending");
  expect((await names())[0]).toBe("auth-refresh");
  await table.getByRole("button", { name: "429" }).click();
  await expect(table).toHaveAttribute("data-sort", "429:asc");
  await expect.poll(async () => (await names()).at(-1)).toBe("auth-refresh");
  await table.getByRole("button", { name: "Route" }).click();
  await expect(table).toHaveAttribute("data-sort", "key:asc");
  const alphabetical = await names();
  expect(alphabetical.length).toBeGreaterThan(0);
  expect(alphabetical).toEqual([...alphabetical].sort((a, b) => a.localeCompare(b)));
});

test("the legend toggles a series, and a route keeps its colour", async ({ page }) => {
  const token = await demoAccessToken("player");
  for (let i = 0; i < 3; i++) await viaGateway(`/api/players/${i}`, { headers: { authorization: `Bearer ${token}` } });
  await openOperations(page);
  const chart = page.getByTestId("chart-requests");
  const toggle = chart.getByRole("button", { name: "players-api", exact: true });
  await expect(toggle).toHaveAttribute("aria-pressed", "true", LIVE);
  const lines = chart.locator("path.recharts-line-curve");
  await expect.poll(() => lines.count(), LIVE).toBeGreaterThan(0);
  const before = await lines.count();
  const colour = await toggle.locator(".swatch").evaluate((el) => (el as unknown as { style: { background: string } }).style.background);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(lines).toHaveCount(before - 1);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(lines).toHaveCount(before);

  // Latency's percentiles toggle the same way.
  const p99 = page.getByTestId("chart-latency").getByRole("button", { name: "p99", exact: true });
  await p99.click();
  await expect(p99).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("chart-latency").locator("path.recharts-line-curve")).toHaveCount(2);

  // A reload (new traffic ranks, fresh component) gives players-api the same colour.
  await page.reload();
  const again = page.getByTestId("chart-requests").getByRole("button", { name: "players-api", exact: true });
  await expect(again).toBeVisible(LIVE);
  expect(await again.locator(".swatch").evaluate((el) => (el as unknown as { style: { background: string } }).style.background)).toBe(colour);
});

test("the time range switch shows 15 min and 1 h from what the gateway kept, and live again", async ({ page }) => {
  await burstOnRefresh(2); // still limited from the first test, or counted anew
  await openOperations(page);
  const section = page.getByTestId("traffic-section");
  const span = async () => Number(await section.getAttribute("data-to")) - Number(await section.getAttribute("data-from"));
  await expect(section).toHaveAttribute("data-range", "5m");
  expect(await span()).toBeLessThanOrEqual(5 * 60_000);

  await page.getByRole("radiogroup", { name: "Time range" }).getByText("1 h").click();
  await expect(section).toHaveAttribute("data-range", "1h");
  expect(await span()).toBeGreaterThanOrEqual(59 * 60_000);
  await expect(page.getByRole("heading", { name: "Per route, 1 h" })).toBeVisible();
  // The 30 s buckets the gateway keeps hold the burst (a bucket closes within 30 s).
  await expect.poll(() => numberOf(page, "traffic-row-auth-refresh", "data-status429").catch(() => 0), BUCKET).toBeGreaterThan(0);

  await page.getByRole("radiogroup", { name: "Time range" }).getByText("15 min").click();
  await expect(section).toHaveAttribute("data-range", "15m");
  expect(await span()).toBeGreaterThanOrEqual(14 * 60_000);
  await expect(page.getByRole("heading", { name: "Per route, 15 min" })).toBeVisible();

  await page.getByRole("radiogroup", { name: "Time range" }).getByText("Live, 5 min").click();
  await expect(section).toHaveAttribute("data-range", "5m");
  expect(await span()).toBeLessThanOrEqual(5 * 60_000);
});

test("with traffic, at phone width: the page does not scroll sideways, the table scrolls in its card, the tooltip fits its card", async ({ page }) => {
  const token = await demoAccessToken("player");
  for (let i = 0; i < 3; i++) await viaGateway(`/api/players/${i}`, { headers: { authorization: `Bearer ${token}` } });
  await page.setViewportSize({ width: 390, height: 900 });
  await openOperations(page);
  const table = page.getByTestId("route-traffic-table");
  await expect(table.getByTestId("traffic-row-players-api")).toBeVisible(LIVE);
  const widths = await page.evaluate(() => {
    const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    return { page: g.document.documentElement.scrollWidth, viewport: g.innerWidth };
  });
  expect(widths.page, "no sideways scroll").toBeLessThanOrEqual(widths.viewport);
  const card = (await page.locator(".route-traffic").boundingBox())!;
  expect(card.x + card.width).toBeLessThanOrEqual(390);
  expect(await page.locator(".route-traffic").evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (el as unknown as { clientWidth: number }).clientWidth)).toBe(true);

  const chart = page.getByTestId("chart-requests");
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.locator(".chart-box").boundingBox())!;
  // Across the plot (right of the y axis, left of its right margin): near the right edge the tooltip flips to stay inside.
  for (const x of [0.3, 0.6, 0.9]) {
    // A new roll-up redraws the chart and drops the tooltip until the pointer moves: hover, then read
    // the tooltip's box and the card's in one go.
    let nudge = 0;
    const where = async () => {
      await page.mouse.move(box.x + box.width * x + (nudge++ % 2), box.y + box.height / 2);
      return chart.evaluate((card) => {
        const el = card as unknown as { getBoundingClientRect(): { left: number; right: number }; querySelector(s: string): { getBoundingClientRect(): { left: number; right: number } } | null };
        const tip = el.querySelector(".chart-tooltip");
        if (!tip) return "no tooltip";
        const [t, c] = [tip.getBoundingClientRect(), el.getBoundingClientRect()];
        return t.left >= c.left - 1 && t.right <= c.right + 1 ? "inside its card" : `from ${t.left} to ${t.right} in a card from ${c.left} to ${c.right}`;
      });
    };
    await expect.poll(where, { message: `hovering at ${x} of the width` }).toBe("inside its card");
  }
  await page.screenshot({ path: "test-results/operations-monitoring-390.png", fullPage: true });
});

test("requests no route matches are 'unmatched', not a route called 'none'", async ({ page }) => {
  for (let i = 0; i < 3; i++) expect((await viaGateway(`/no-route-matches-this/${i}`)).status).toBe(404);
  await openOperations(page);
  const row = page.getByTestId("traffic-row-unmatched");
  await expect(row).toBeVisible(LIVE);
  await expect(row.getByRole("rowheader")).toHaveText("unmatched (no route)");
  expect(Number(await row.getAttribute("data-status4xx"))).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("traffic-row-none")).toHaveCount(0);
  await expect(page.getByTestId("chart-requests").getByRole("button", { name: "unmatched (no route)" })).toBeVisible();
  await expect(page.getByTestId("traffic-section").getByRole("combobox")).toContainText("unmatched (no route)");
});

test("each breaker shows its rolling counts: successes, failures, no answer, rejects", async ({ page }) => {
  const origin = await demoUpstreamUrl("players");
  const token = await demoAccessToken("player");
  await openOperations(page);
  for (let i = 0; i < 3; i++) expect((await viaGateway(`/api/players/${i}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  const counts = page.getByTestId(instanceTestId("players", origin)).getByTestId(/^rolling-counts-players-/);
  await expect.poll(async () => Number(await counts.getAttribute("data-successes")), LIVE).toBeGreaterThanOrEqual(3);
  await expect(counts).toContainText(/\d+ ok/);
  await expect(counts).toContainText("5xx");
  await expect(counts).toContainText("no answer");
  await expect(counts).toContainText("rejected");
  expect(Number(await counts.getAttribute("data-rejects"))).toBe(0);
});
