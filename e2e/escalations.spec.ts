// Issue #5, "what it must show": a clinician has the escalation queue open; a player's crisis
// message sent through the gateway (chat-api switched to safety scan "enforce" and published from
// the console) appears without a reload, highlighted and with a beep; the clinician acknowledges,
// assigns, notes and resolves it; the admin's audit log shows each step; an operator sees the
// count go up, never the text, and is refused the content by the API.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "./env.ts";
import { demoAccessToken, ensureUser, publish, signIn, trpc, viaGateway, waitForGateway } from "./support.ts";

const run = Date.now().toString(36);
const clinician = { email: `clinician-esc-${run}@tta.local`, password: "e2e-only-clinician-password", name: "Cleo Clinician", role: "clinician" } as const;
const operator = { email: `operator-esc-${run}@tta.local`, password: "e2e-only-operator-password", name: "Otto Operator", role: "operator" } as const;

const CRISIS = "I can't do this anymore. I want to kill myself tonight, I have the pills ready. Write to me at jo.player@example.org";
const NOTE = "Reached the player on 555-123-4567; safe with family tonight, follow-up call tomorrow.";

let revisionBefore: number | null = null;

async function pageAs(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.consoleUrl });
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

/** Clicking the nav link is a user gesture on this document: the page may play sound from then on. */
async function openEscalations(page: Page) {
  await page.getByRole("link", { name: "Escalations" }).click();
  await expect(page).toHaveURL(/\/escalations$/);
  await expect(page.getByRole("heading", { name: "Escalations", level: 1 })).toBeVisible();
  await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
const sameDocument = (page: Page) => page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument === true);
const count = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());

test.beforeAll(async () => {
  await ensureUser(clinician);
  await ensureUser(operator);
});

test.afterAll(async ({ browser }) => {
  // Give the next specs the seeded routes back (chat-api on "monitor").
  if (revisionBefore === null) return;
  const page = await pageAs(browser, E2E.admin);
  expect((await trpc(page.request, "config.rollback", { number: revisionBefore, message: "e2e escalations: restore the routes" })).status).toBe(200);
  await page.context().close();
});

test("a crisis sent through the gateway reaches the clinician's open queue live; acknowledged, assigned, noted and resolved; audited; operators see counts only", async ({ browser }) => {
  test.setTimeout(90_000);

  // An admin switches chat-api to "enforce" and publishes; the gateway takes the revision.
  const admin = await pageAs(browser, E2E.admin);
  revisionBefore = (await trpc(admin.request, "config.status")).body.result.data.json.latest.number;
  await admin.getByRole("link", { name: "Edit chat-api" }).click();
  await admin.getByLabel("Safety scan", { exact: true }).selectOption("enforce");
  await expect(admin.getByLabel("Crisis response", { exact: true })).toHaveValue("acknowledge");
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin).toHaveURL(/\/routes$/);
  const revision = await publish(admin, "Enforce the safety scan on chat");
  await waitForGateway("/api/auth/e2e-ping", (a) => a.headers.get("x-tta-config-revision") === String(revision));

  // The clinician's queue is open and live; so is an operator's counts view.
  const page = await pageAs(browser, clinician);
  await openEscalations(page);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await expect(page.getByTestId("sound-toggle")).toHaveAttribute("data-sound", "on");
  await expect(page.getByTestId("sound-toggle")).toHaveAttribute("data-beeps", "0");
  const unresolvedBefore = await count(page, "count-unresolved");

  const ops = await pageAs(browser, operator);
  await openEscalations(ops);
  await expect(ops.getByTestId("counts-only-notice")).toBeVisible();
  await expect(ops.getByTestId("count-unresolved")).toHaveText(String(unresolvedBefore));

  // A player writes a crisis message: the gateway answers 202 itself, with crisis resources.
  const token = await demoAccessToken("player");
  const sentAt = Date.now();
  const answer = await viaGateway("/api/chat/messages", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ message: CRISIS }),
  });
  expect(answer.status).toBe(202);
  expect(answer.body.code).toBe("GW_CRISIS_ESCALATED");
  expect(answer.body.resources.length).toBeGreaterThan(0);
  const eventId: string = answer.body.eventId;
  const correlationId: string = answer.body.correlationId;

  // It appears in the open queue without a reload, highlighted, with a beep, and announced.
  const row = page.getByTestId(`escalation-row-${eventId}`);
  // Checked every animation frame (expect() polls at growing intervals, which would blur the time).
  const inPage = (id: string) => (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector(`[data-testid="escalation-row-${id}"]`) !== null;
  await page.waitForFunction(inPage, eventId, { polling: "raf", timeout: 5_000 });
  const arrivedMs = Date.now() - sentAt;
  console.log(`escalation ${eventId} on the clinician's page ${arrivedMs} ms after the 202`);
  expect(arrivedMs).toBeLessThan(1_000);
  expect(await sameDocument(page)).toBe(true);
  await expect(row).toHaveAttribute("data-new", "true");
  await expect(row).toHaveAttribute("data-status", "open");
  await expect(row).toHaveAttribute("data-severity", /^(high|critical)$/);
  await expect(page.getByTestId("sound-toggle")).toHaveAttribute("data-beeps", "1");
  await expect(page.getByTestId("queue-announcer")).toContainText(/New (high|critical) escalation/);
  await expect(row).toContainText("[EMAIL]");
  await expect(row).not.toContainText("jo.player@example.org");
  await expect(page.getByTestId("count-unresolved")).toHaveText(String(unresolvedBefore + 1));

  // The operator sees the count go up, never the text; the API refuses them the content.
  await expect(ops.getByTestId("count-unresolved")).toHaveText(String(unresolvedBefore + 1), { timeout: 5_000 });
  await expect(ops.getByText(/kill myself|\[EMAIL\]/)).toHaveCount(0);
  await expect(ops.getByRole("table", { name: "Escalation queue" })).toHaveCount(0);
  expect(await sameDocument(ops)).toBe(true);
  expect((await trpc(ops.request, "escalations.queue")).status).toBe(403);
  expect((await trpc(ops.request, `escalations.get?input=${encodeURIComponent(JSON.stringify({ json: { id: eventId } }))}`)).status).toBe(403);

  // The clinician opens it: masked excerpt and signals; then each step.
  await row.getByRole("button", { name: /^Details/ }).click();
  const detail = page.getByTestId("event-detail");
  await expect(detail.getByTestId("event-excerpt")).toContainText("[EMAIL]");
  await expect(detail.getByTestId("event-excerpt")).not.toContainText("example.org");
  await expect(detail.getByTestId("event-signals")).toContainText("Suicidal ideation");
  await expect(detail.getByTestId("live-session")).toHaveCount(0); // an HTTP request has no live session (e2e/ws-session.spec.ts)

  await detail.getByRole("button", { name: "Acknowledge" }).click();
  await expect(detail.getByTestId("event-action-result")).toHaveText("Acknowledged.");
  await expect(row).toHaveAttribute("data-status", "acknowledged");
  await detail.getByRole("button", { name: "Assign to me" }).click();
  await expect(detail.getByTestId("event-action-result")).toHaveText("Assigned to you.");
  await expect(row).toContainText("assigned to you");
  await detail.getByLabel("Note", { exact: true }).fill(NOTE);
  await detail.getByRole("button", { name: "Add note" }).click();
  await expect(detail.getByTestId("event-action-result")).toHaveText("Note added.");
  await detail.getByRole("button", { name: "Resolve", exact: true }).click();
  await detail.getByRole("group", { name: "Resolve this event?" }).getByRole("button", { name: "Confirm" }).click();
  await expect(detail.getByTestId("event-status")).toHaveText("Resolved");
  await expect(row).toHaveCount(0);
  await expect(detail.getByTestId("timeline-entry")).toHaveCount(5);
  expect(await detail.getByTestId("timeline-entry").evaluateAll((items) => items.map((i) => i.getAttribute("data-kind")))).toEqual([
    "created",
    "acknowledged",
    "assigned",
    "note",
    "resolved",
  ]);
  await expect(detail.getByTestId("event-timeline")).toContainText(NOTE); // clinicians read the note as written
  await expect(ops.getByTestId("count-unresolved")).toHaveText(String(unresolvedBefore), { timeout: 5_000 });
  await expect(page.getByTestId("sound-toggle")).toHaveAttribute("data-beeps", "1"); // steps do not beep
  expect(await sameDocument(page)).toBe(true);

  // The admin's audit log shows every step, by whom, with the note masked.
  await admin.goto(`/audit?entityId=${eventId}`);
  const log = admin.getByRole("table", { name: "Audit log" });
  await expect(log.locator("tbody tr[data-action]")).toHaveCount(5);
  expect(await log.locator("tbody tr[data-action]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")))).toEqual([
    "event.resolve",
    "event.add_note",
    "event.assign",
    "event.acknowledge",
    "event.detected",
  ]);
  for (const action of ["event.resolve", "event.add_note", "event.assign", "event.acknowledge"]) {
    await expect(log.locator(`tr[data-action="${action}"]`)).toContainText(clinician.email);
  }
  const noteRow = log.locator('tr[data-action="event.add_note"]');
  await noteRow.getByRole("button", { name: /^Changes/ }).click();
  const noteDiff = admin.getByRole("table", { name: "Changes of event.add_note" });
  await expect(noteDiff).toContainText("[PHONE]");
  await expect(noteDiff).not.toContainText("555-123-4567");
  await log.locator('tr[data-action="event.acknowledge"]').getByRole("button", { name: /^Changes/ }).click();
  await expect(admin.getByRole("table", { name: "Changes of event.acknowledge" }).locator("tr", { hasText: "status" })).toContainText(/open\s*acknowledged/);

  // The gateway's own row is found by the request's correlation id, from the filter form.
  await admin.getByRole("button", { name: "Clear" }).click();
  // The form is built anew from the cleared URL: typing before that would go into the old one.
  await expect(admin).toHaveURL(/\/audit\??$/);
  await expect(log.locator("tbody tr[data-action]").nth(5)).toBeVisible(); // more than the event's 5 rows: the unfiltered log
  await admin.getByLabel("Correlation id", { exact: true }).fill(correlationId);
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin).toHaveURL(new RegExp(`correlationId=${correlationId}`));
  await expect(log.locator("tbody tr[data-action]")).toHaveCount(1);
  await expect(log.locator('tr[data-action="event.detected"]')).toContainText(eventId);
  await log.getByRole("button", { name: /^Changes/ }).click();
  await expect(admin.getByRole("table", { name: "Changes of event.detected" })).not.toContainText("jo.player@example.org");

  await Promise.all([admin, page, ops].map((p) => p.context().close()));
});

test("admins without the clinician role get the counts, not the queue, on the page and from the API", async ({ page }) => {
  await signIn(page);
  await openEscalations(page);
  await expect(page.getByTestId("escalation-counts")).toBeVisible();
  await expect(page.getByTestId("counts-only-notice")).toBeVisible();
  await expect(page.getByRole("table", { name: "Escalation queue" })).toHaveCount(0);
  expect((await trpc(page.request, "escalations.queue")).status).toBe(403);
  expect((await trpc(page.request, "escalations.counts")).status).toBe(200);
});
