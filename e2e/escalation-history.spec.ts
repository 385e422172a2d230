// Issue "Console v2" #5: crises sent through the gateway (chat-api and sessions-api are seeded on
// "monitor": recorded and forwarded, the event id in the x-tta-escalation header the demo upstream
// echoes) are resolved by clinicians, then listed in the history; each filter (severity, category,
// route, resolved dates, assignee) narrows it; an event links to its audit trail; the open event's
// row is marked (aria-current) and framed, in the queue and in the history. Operators get counts.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { E2E } from "./env.ts";
import { demoAccessToken, ensureUser, signIn, trpc, viaGateway } from "./support.ts";

const run = Date.now().toString(36);
const PASSWORD = "e2e-only-history-password";
const lead = { email: `lead-hist-${run}@tta.local`, password: PASSWORD, name: "Hana History" }; // admin and clinician
const colleague = { email: `colleague-hist-${run}@tta.local`, password: PASSWORD, name: "Omar Other", role: "clinician" } as const;
const operator = { email: `operator-hist-${run}@tta.local`, password: PASSWORD, name: "Otto Operator", role: "operator" } as const;

/** A user with both the admin and the clinician role (ensureUser gives one role), and their id. */
async function ensureLead(): Promise<void> {
  const { createDb, hashPassword } = await import("@tta/db");
  const { newId } = await import("@tta/domain");
  const db = createDb(E2E.databaseUrl, { max: 1 });
  try {
    const data = { name: lead.name, roles: ["admin", "clinician"] as ("admin" | "clinician")[], passwordHash: await hashPassword(lead.password), disabled: false };
    await db.user.upsert({ where: { email: lead.email }, update: data, create: { id: newId("user"), email: lead.email, ...data } });
  } finally {
    await db.$disconnect();
  }
}

async function userId(email: string): Promise<string> {
  const { createDb } = await import("@tta/db");
  const db = createDb(E2E.databaseUrl, { max: 1 });
  try {
    return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  } finally {
    await db.$disconnect();
  }
}

/** Sends a player's message through the gateway; returns the event the monitor route recorded. */
async function crisis(path: string, message: string): Promise<string> {
  const token = await demoAccessToken("player");
  const answer = await viaGateway(path, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ message }) });
  expect(answer.status).toBe(200);
  const eventId = answer.body.headers["x-tta-escalation"];
  expect(eventId).toMatch(/^evt_/);
  return eventId;
}

async function pageAs(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.consoleUrl });
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

/** The row is the open one: aria-current, and a visibly different background and frame than a row that is not. */
async function expectMarked(row: Locator, other: Locator) {
  await expect(row).toHaveAttribute("aria-current", "true");
  await expect(other).not.toHaveAttribute("aria-current", "true");
  // The e2e project has no DOM lib: the page's getComputedStyle, typed as far as used here.
  const css = (l: Locator) =>
    l.locator("td").nth(1).evaluate((td) => {
      const s = (globalThis as unknown as { getComputedStyle(el: unknown): { backgroundColor: string; boxShadow: string } }).getComputedStyle(td);
      return { background: s.backgroundColor, frame: s.boxShadow };
    });
  const [marked, plain] = [await css(row), await css(other)];
  expect(marked.background).not.toBe(plain.background);
  expect(marked.frame).toContain("inset");
  expect(marked.frame).not.toBe(plain.frame);
}

test.beforeAll(async () => {
  await ensureLead();
  await ensureUser(colleague);
  await ensureUser(operator);
});

test("resolved events are in the clinicians' history, narrowed by every filter, linked to their audit trail; the open row is marked", async ({ browser }) => {
  test.setTimeout(120_000);
  const suicidal = await crisis("/api/chat/messages", `History ${run}: I want to kill myself tonight, I have the pills ready. Mail me at jo.player@example.org`);
  const selfHarm = await crisis("/api/sessions/notes", `History ${run}: I cut myself again last night and the cuts are deep, I keep cutting myself`);
  const colleagueId = await userId(colleague.email);

  const page = await pageAs(browser, lead);
  await page.goto("/escalations");
  const rowA = page.getByTestId(`escalation-row-${suicidal}`);
  const rowB = page.getByTestId(`escalation-row-${selfHarm}`);
  await expect(rowA).toBeVisible();
  await expect(rowB).toBeVisible();

  // The open event's row is marked in the queue, and only while it is open.
  await rowA.getByRole("button", { name: /^Details/ }).click();
  const detail = page.getByTestId("event-detail");
  await expect(detail).toHaveAttribute("data-event-id", suicidal);
  await expectMarked(rowA, rowB);
  await rowB.getByRole("button", { name: /^Details/ }).click();
  await expectMarked(rowB, rowA);
  await detail.getByRole("button", { name: "Close" }).click();
  await expect(rowB).not.toHaveAttribute("aria-current", "true");

  // The lead takes the first and resolves it in the console; the second goes to a colleague, resolved over the API.
  await rowA.getByRole("button", { name: /^Details/ }).click();
  await detail.getByRole("button", { name: "Assign to me" }).click();
  await expect(detail.getByTestId("event-action-result")).toHaveText("Assigned to you.");
  await detail.getByRole("button", { name: "Resolve", exact: true }).click();
  await detail.getByRole("group", { name: "Resolve this event?" }).getByRole("button", { name: "Confirm" }).click();
  await expect(detail.getByTestId("event-status")).toHaveText("Resolved");
  expect((await trpc(page.request, "escalations.assign", { id: selfHarm, assigneeId: colleagueId })).status).toBe(200);
  expect((await trpc(page.request, "escalations.resolve", { id: selfHarm })).status).toBe(200);
  await expect(rowA).toHaveCount(0);
  await expect(rowB).toHaveCount(0);

  // Both are in the history, the most recently resolved first.
  await page.getByRole("link", { name: "History", exact: true }).click();
  await expect(page).toHaveURL(/\/escalations\/history$/);
  await expect(page.getByRole("heading", { name: "Escalation history", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Resolved events" });
  const histA = page.getByTestId(`history-row-${suicidal}`);
  const histB = page.getByTestId(`history-row-${selfHarm}`);
  await expect(histA).toBeVisible();
  await expect(histB).toBeVisible();
  const order = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")));
  expect(order.indexOf(`history-row-${selfHarm}`)).toBeLessThan(order.indexOf(`history-row-${suicidal}`));
  await expect(histA).toContainText("[EMAIL]");
  await expect(histA).not.toContainText("jo.player@example.org");
  await expect(histA).toContainText("you");
  await expect(histB).toContainText(colleague.name);

  const filters = page.getByRole("form", { name: "History filters" });
  async function apply(values: Partial<Record<"Severity" | "Category" | "Route" | "Assignee", string>> & { from?: string; to?: string }) {
    await filters.getByRole("button", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/escalations\/history\??$/);
    for (const [label, value] of Object.entries(values)) {
      if (label === "from") await filters.getByLabel("Resolved from").fill(value);
      else if (label === "to") await filters.getByLabel("Resolved to").fill(value);
      else await filters.getByLabel(label, { exact: true }).selectOption(value);
    }
    await filters.getByRole("button", { name: "Apply filters" }).click();
  }
  const shows = async (a: boolean, b: boolean) => {
    await expect(histA).toHaveCount(a ? 1 : 0);
    await expect(histB).toHaveCount(b ? 1 : 0);
  };

  // Severity: every row listed has it; the other severity drops the event.
  const severity = (await histA.getAttribute("data-severity"))!;
  await apply({ Severity: severity });
  await expect(page).toHaveURL(new RegExp(`severity=${severity}`));
  await expect(histA).toBeVisible();
  expect(new Set(await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-severity"))))).toEqual(new Set([severity]));
  await apply({ Severity: severity === "low" ? "critical" : "low" });
  await expect(histA).toHaveCount(0);

  // Category, route, assignee.
  await apply({ Category: "suicidal_ideation" });
  await shows(true, false);
  await apply({ Route: "sessions-api" });
  await shows(false, true);
  await expect(page).toHaveURL(/route=sessions-api/);
  await apply({ Assignee: colleagueId });
  await shows(false, true);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await apply({ Assignee: await userId(lead.email), Route: "chat-api" });
  await shows(true, false);

  // Resolved dates, in the browser's days: today holds both; tomorrow on, or up to yesterday, neither.
  const day = (offset: number) => page.evaluate((o) => new Date(Date.now() + o * 86_400_000).toLocaleDateString("en-CA"), offset);
  await apply({ from: await day(0), to: await day(0) });
  await shows(true, true);
  await apply({ from: await day(1) });
  await expect(page.getByTestId("history-empty")).toBeVisible();
  await apply({ to: await day(-1) });
  await shows(false, false);
  // A range the wrong way round is refused next to its field.
  await apply({ from: await day(0), to: await day(-1) });
  await expect(filters.getByTestId("field-error-to")).toContainText("before");

  // The URL holds the filters: reloading keeps them.
  await apply({ Category: "suicidal_ideation", Route: "chat-api" });
  // Apply puts the filters in the URL a moment after the click: reload only once they are there.
  await expect(page).toHaveURL(/category=suicidal_ideation.*route=chat-api|route=chat-api.*category=suicidal_ideation/);
  await page.reload();
  await expect(filters.getByLabel("Category", { exact: true })).toHaveValue("suicidal_ideation");
  await shows(true, false);

  // The open event is marked here too; its details and its row both link to its audit trail.
  await apply({});
  await histA.getByRole("button", { name: /^Details/ }).click();
  await expect(detail).toHaveAttribute("data-event-id", suicidal);
  await expectMarked(histA, histB);
  await expect(detail.getByTestId("timeline-entry")).toHaveCount(3);
  await expect(detail.getByTestId("event-audit-link")).toHaveAttribute("href", `/audit?entityType=therapeutic_event&entityId=${suicidal}`);
  await histA.getByRole("link", { name: /^Audit trail/ }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?entityType=therapeutic_event&entityId=${suicidal}$`));
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.locator("tbody tr[data-action]")).toHaveCount(3);
  expect(await log.locator("tbody tr[data-action]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")))).toEqual(["event.resolve", "event.assign", "event.detected"]);
  await expect(page.getByLabel("Entity id", { exact: true })).toHaveValue(suicidal);

  // A clinician who is not an admin sees the history, not the audit links; an operator gets counts only.
  const other = await pageAs(browser, colleague);
  await other.goto("/escalations/history");
  await expect(other.getByTestId(`history-row-${selfHarm}`)).toContainText("you");
  await expect(other.getByRole("link", { name: /^Audit trail/ })).toHaveCount(0);
  const ops = await pageAs(browser, operator);
  await ops.goto("/escalations/history");
  await expect(ops.getByTestId("history-counts-only")).toBeVisible();
  await expect(ops.getByTestId("escalation-counts")).toBeVisible();
  await expect(ops.getByRole("table", { name: "Resolved events" })).toHaveCount(0);
  await expect(ops.getByText(/kill myself|\[EMAIL\]/)).toHaveCount(0);
  expect((await trpc(ops.request, `escalations.history?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`)).status).toBe(403);
  expect((await trpc(ops.request, "escalations.historyOptions")).status).toBe(403);

  await Promise.all([page, other, ops].map((p) => p.context().close()));
});
