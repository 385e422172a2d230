// Issue #3, "what it must show": an operator watches a demo upstream die and come back on the
// Operations page, live (no reload), and drives a breaker from the console. The demo upstreams'
// test hook (DEMO_TEST_HOOKS=1, see e2e/env.ts) takes a service down; requests through the gateway
// then fail and trip its breaker.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { instanceTestId } from "../apps/console/src/components/operations/test-ids.ts";
import { demoAccessToken, demoUpstream, demoUpstreamUrl, ensureUser, signIn, viaGateway, type GatewayAnswer } from "./support.ts";

const operator = { email: "operator@tta.local", password: "e2e-only-operator-password", name: "E2E Operator", role: "operator" } as const;
const clinician = { email: "clinician@tta.local", password: "e2e-only-clinician-password", name: "E2E Clinician", role: "clinician" } as const;

// Bounded waits: a change in a gateway must reach the page within about a second; health checks
// run every 2 s and need 2 results to change rotation.
const LIVE = { timeout: 15_000 };

test.beforeAll(async () => {
  await ensureUser(operator);
  await ensureUser(clinician);
});

// Leave the stack as the next test expects it, whatever failed.
test.afterEach(async () => {
  await demoUpstream("sessions", "up").catch(() => {});
});

async function openOperations(page: Page) {
  await signIn(page, operator);
  await page.getByRole("link", { name: "Operations" }).click();
  await expect(page).toHaveURL(/\/operations$/);
  await expect(page.getByRole("heading", { name: "Operations", level: 1 })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live", LIVE);
  // Marks this document: a reload or navigation would lose it.
  await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

const sameDocument = (page: Page) => page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument === true);
const score = (row: Locator) => async () => Number(await row.getAttribute("data-health-score"));

async function confirmBreakerAction(page: Page, label: string) {
  await page.getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("group", { name: `${label} on every gateway?` }).getByRole("button", { name: "Confirm" }).click();
}

/** The seeded routes but /api/auth/* need a token; polled gently (the default policy allows 100/min). */
async function untilGateway(path: string, token: string, check: (a: GatewayAnswer) => boolean, timeoutMs = 10_000, everyMs = 250): Promise<GatewayAnswer> {
  const deadline = Date.now() + timeoutMs;
  let last: GatewayAnswer;
  do {
    last = await viaGateway(path, { headers: { authorization: `Bearer ${token}` } });
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, everyMs));
  } while (Date.now() < deadline);
  throw new Error(`${path}: last answer ${last.status} ${JSON.stringify(last.body)}`);
}

test("an operator sees a killed upstream's health drop and its breaker open without reloading, then sees it recover", async ({ page }) => {
  // A therapeutic service: its breaker opens after 3 failures (a standard one needs 5, and by then
  // failed health checks have usually taken the instance out of rotation, so no more traffic reaches it).
  const origin = await demoUpstreamUrl("sessions");
  const token = await demoAccessToken("player");
  await openOperations(page);
  const row = page.getByTestId(instanceTestId("sessions", origin));
  await expect(row).toHaveAttribute("data-in-rotation", "true", LIVE);
  await expect(row).toHaveAttribute("data-breaker-state", "closed");
  await expect.poll(score(row), LIVE).toBeGreaterThanOrEqual(70);

  await demoUpstream("sessions", "down");
  // Traffic to the dead instance fails and counts against its breaker.
  for (let i = 0; i < 4; i++) {
    const answer = await viaGateway("/api/sessions/1", { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(500);
  }
  await expect(row).toHaveAttribute("data-breaker-state", "open", LIVE);
  await expect(row.getByTestId(/^breaker-sessions-/)).toHaveAttribute("data-breaker-state", "open");
  await expect.poll(score(row), LIVE).toBeLessThan(30);
  await expect(row).toHaveAttribute("data-in-rotation", "false", LIVE);
  await expect(row.getByText("Out of rotation")).toBeVisible();
  await expect(row.getByText("failed", { exact: true })).toBeVisible(); // the last active check
  // Those requests reach the traffic charts through the gateway's roll-ups.
  await expect(page.getByTestId("chart-requests")).toBeVisible(LIVE);
  expect(await sameDocument(page)).toBe(true);

  await demoUpstream("sessions", "up");
  // Active health checks bring it back into rotation by themselves...
  await expect(row).toHaveAttribute("data-in-rotation", "true", LIVE);
  await expect.poll(score(row), LIVE).toBeGreaterThanOrEqual(70);
  // ...and the breaker half-opens when its open time (15 s for a therapeutic service) is over;
  // requests (once a second, within the rate limit) are its probes, and two successes close it.
  await expect(row).toHaveAttribute("data-breaker-state", /half_open|closed/, LIVE);
  const served = await untilGateway("/api/sessions/1", token, (a) => a.status === 200, 15_000, 1_000);
  expect(served.body.service).toBe("sessions");
  await expect
    .poll(async () => {
      await viaGateway("/api/sessions/1", { headers: { authorization: `Bearer ${token}` } });
      return row.getAttribute("data-breaker-state");
    }, { ...LIVE, intervals: [1_000] })
    .toBe("closed");
  expect(await sameDocument(page)).toBe(true);
});

test("an operator forces a breaker open and resets it from the console; the gateway follows", async ({ page }) => {
  const origin = await demoUpstreamUrl("players");
  const token = await demoAccessToken("player");
  await openOperations(page);
  const row = page.getByTestId(instanceTestId("players", origin));
  await expect(row).toHaveAttribute("data-breaker-state", "closed", LIVE);

  // Cancel changes nothing.
  await page.getByRole("button", { name: `Force open players ${origin}`, exact: true }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toHaveAttribute("data-breaker-forced", "false");

  try {
    const clicked = Date.now();
    await confirmBreakerAction(page, `Force open players ${origin}`);
    await expect(row).toHaveAttribute("data-breaker-state", "open", LIVE);
    // Console -> gateway -> live event -> this page: about a second at most.
    expect(Date.now() - clicked).toBeLessThan(2_000);
    await expect(page.getByTestId("breaker-result")).toContainText(`Force open players ${origin}: applied on 1 gateway`);
    await expect(row).toHaveAttribute("data-breaker-forced", "true");
    await expect(row.getByTestId(/^breaker-players-/)).toHaveAttribute("data-breaker-forced", "open");
    const refused = await untilGateway("/api/players/42", token, (a) => a.status === 503, 5_000);
    expect(refused.body.error.code).toBe("GW_BREAKER_OPEN");
    expect(refused.body.error.correlationId).toMatch(/^req_/);
  } finally {
    // Never leave a breaker forced for the specs that follow.
    await confirmBreakerAction(page, `Reset players ${origin}`);
  }
  await expect(page.getByTestId("breaker-result")).toContainText(`Reset players ${origin}: applied on 1 gateway`);
  await expect(row).toHaveAttribute("data-breaker-state", "closed", LIVE);
  await expect(row).toHaveAttribute("data-breaker-forced", "false");
  await untilGateway("/api/players/42", token, (a) => a.status === 200, 5_000);
  expect(await sameDocument(page)).toBe(true);
});

test("the page says when it gets no live stream, still shows the state, and goes live when the stream is back", async ({ page }) => {
  await signIn(page, operator);
  // Refuse the event stream (SSE) only; the state query still answers.
  const blocked = "**/api/trpc/operations.events**";
  await page.route(blocked, (route) => route.abort("connectionrefused"));
  await page.getByRole("link", { name: "Operations" }).click();
  await expect(page.getByRole("table", { name: "Service instances" })).toBeVisible(LIVE);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", /connecting|reconnecting|error/);
  await page.waitForTimeout(2_000);
  await expect(page.getByTestId("live-status")).not.toHaveAttribute("data-status", "live");
  await page.unroute(blocked);
  // The client retries by itself (or the operator presses Reconnect after an error).
  await expect
    .poll(async () => {
      const status = await page.getByTestId("live-status").getAttribute("data-status");
      if (status === "error") await page.getByRole("button", { name: "Reconnect" }).click();
      return status;
    }, LIVE)
    .toBe("live");
});

test("a clinician has no Operations link and is told the page is not for them", async ({ page }) => {
  await signIn(page, clinician);
  await expect(page.getByRole("link", { name: "Operations" })).toHaveCount(0);
  await page.goto("/operations");
  await expect(page.getByTestId("operations-not-allowed")).toContainText(/operators and admins/);
  await expect(page.getByRole("table", { name: "Service instances" })).toHaveCount(0);
  const api = await page.request.get("/api/trpc/operations.state");
  expect(api.status()).toBe(403);
});
