// The console's layout from a 390 px phone to a wide screen: no page scrolls sideways, no table is
// wider than its card (unless the card scrolls it), the nav and Sign out are reachable (in the bar,
// or in the menu panel on narrower screens), the clinician's open event keeps its buttons whole.
// Full-page screenshots go to test-results/layout/ to be looked at (and to $TTA_SCREENSHOTS).
import { expect, test, type Page } from "@playwright/test";
import { demoAccessToken, ensureUser, signIn, trpc, viaGateway } from "./support.ts";

const WIDTHS = [390, 1024, 1440] as const;
const clinician = { email: `clinician-layout-${Date.now().toString(36)}@tta.local`, password: "e2e-only-clinician-password", name: "Lou Layout", role: "clinician" } as const;

/** The page's DOM, typed only as far as the check below uses it (the e2e project has no DOM lib). */
interface PageElement {
  className: string;
  parentElement: PageElement | null;
  getAttribute(name: string): string | null;
  closest(selectors: string): PageElement | null;
  getBoundingClientRect(): { width: number; right: number };
}
interface PageGlobals {
  document: { documentElement: { scrollWidth: number }; querySelectorAll(selectors: string): Iterable<PageElement> };
  window: { innerWidth: number };
  getComputedStyle(el: PageElement): { overflowX: string };
}

/** What is wrong with the page's layout at this width, as sentences (none: fine). */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document, window, getComputedStyle } = globalThis as unknown as PageGlobals;
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${window.innerWidth})`);
    const scrolls = (el: PageElement) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    for (const table of document.querySelectorAll("table")) {
      const name = table.getAttribute("aria-label") ?? table.className;
      const card = table.closest(".table-wrap, .form-section, .event-detail, .chart-card, .diff-entry, .live-session, main");
      if (!card) continue;
      // The table, or the element between it and its card that scrolls it, must fit in the card.
      let fitting: PageElement = table;
      for (let el = table.parentElement; el && el !== card; el = el.parentElement) if (scrolls(el)) fitting = el;
      if (fitting === table && scrolls(card)) continue;
      const inner = fitting.getBoundingClientRect();
      const outer = card.getBoundingClientRect();
      if (inner.width > outer.width + 1 || inner.right > outer.right + 1) problems.push(`table "${name}" is ${Math.round(inner.width)} px wide in a ${Math.round(outer.width)} px card`);
    }
    return problems;
  });
}

// TTA_SCREENSHOTS=docs/screenshots refreshes the committed screenshots (1024 and 1440 px only).
const SHOTS = process.env.TTA_SCREENSHOTS;

async function shoot(page: Page, name: string) {
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: `test-results/layout/${name}-${width}.png`, fullPage: true });
  if (SHOTS && width >= 1024) await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
}

/** The nav's links and Sign out are on screen at this width, after opening the menu if there is one. */
async function expectNavReachable(page: Page) {
  const menu = page.getByTestId("menu-button");
  const collapsed = await menu.isVisible();
  if (collapsed) {
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
  }
  const width = page.viewportSize()!.width;
  const reachable = [...(await page.getByRole("navigation", { name: "Main" }).getByRole("link").all()), page.getByRole("button", { name: "Sign out" }), page.getByTestId("current-user")];
  expect(reachable.length).toBeGreaterThan(3);
  for (const target of reachable) {
    await expect(target).toBeVisible();
    const box = (await target.boundingBox())!;
    expect(box.x, `${await target.textContent()} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${await target.textContent()} ends on screen at ${width} px`).toBeLessThanOrEqual(width + 1);
  }
  if (collapsed) {
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  }
}

async function checkEveryWidth(page: Page, path: string, name: string, ready: (page: Page) => Promise<void> = async () => {}, signedIn = true) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(path);
    await ready(page);
    await page.waitForLoadState("networkidle").catch(() => {});
    await shoot(page, name);
    expect.soft(await layoutProblems(page), `${path} at ${width} px`).toEqual([]);
    if (signedIn) await expectNavReachable(page);
  }
}

const heading = (page: Page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible();

test("every admin page fits from 390 to 1440 px: no sideways scroll, tables within their cards, nav and Sign out reachable", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  const hrefOf = async (selector: string) => page.locator(selector).first().getAttribute("href");
  await expect(page.getByRole("table", { name: "Routes" }).or(page.locator(".empty"))).toBeVisible();
  const routeEditor = await hrefOf('a[href^="/routes/"]:not([href="/routes/new"])');
  await page.goto("/services");
  await heading(page);
  const serviceEditor = await hrefOf('a[href^="/services/"]:not([href="/services/new"])');
  await page.goto("/policies");
  await heading(page);
  const rateLimitEditor = await hrefOf('a[href^="/policies/rate-limit/"]:not([href$="/new"])');
  await page.goto("/revisions");
  await heading(page);
  const revision = await hrefOf('a[href^="/revisions/"]');

  const pages: [string | null, string][] = [
    ["/overview", "overview"],
    ["/routes", "routes"],
    ["/routes/new", "route-new"],
    [routeEditor, "route-editor"],
    ["/services", "services"],
    ["/services/new", "service-new"],
    [serviceEditor, "service-editor"],
    ["/policies", "policies"],
    [rateLimitEditor, "rate-limit-editor"],
    ["/policies/auth/new", "auth-new"],
    ["/revisions", "revisions"],
    [revision, "revision"],
    ["/users", "users"],
    ["/audit", "audit"],
    ["/operations", "operations"],
    ["/escalations", "escalations-counts"],
    ["/escalations/history", "escalation-history-counts"],
    ["/safety", "safety"],
  ];
  for (const [path, name] of pages) {
    expect(path, `a link to ${name}`).not.toBeNull();
    await checkEveryWidth(page, path!, name, heading);
  }
  await checkEveryWidth(page, "/no-such-page", "not-found", (p) => expect(p.getByRole("heading", { name: "Not found" })).toBeVisible());

  // Revisions' YAML upload, checked: both diffs' tables stay in their cards.
  const workingYaml = (await trpc(page.request, "config.exportFile")).body.result.data.json.yaml as string;
  await checkEveryWidth(page, "/revisions", "revisions-upload", async (p) => {
    await p.getByLabel("Or paste the YAML").fill(workingYaml.replace(/timeoutMs: (\d+)/, (_m, n) => `timeoutMs: ${Number(n) + 1}`));
    await p.getByRole("button", { name: "Check file" }).click();
    await expect(p.getByTestId("import-diff-working").getByTestId("diff-entry")).toHaveCount(1);
  });

  // Safety's "try a message": its signals tables stay in their card.
  await checkEveryWidth(page, "/safety", "safety-try", async (p) => {
    await p.getByLabel("Message to try").fill("I want to kill myself tonight, I have the pills ready. Mail jo.player@example.org");
    await p.getByRole("button", { name: "Try message" }).click();
    await expect(p.getByTestId("try-signals")).toBeVisible();
  });
});

test("the sign-in page fits from 390 to 1440 px", async ({ page }) => {
  await checkEveryWidth(page, "/signin", "signin", (p) => expect(p.getByRole("button", { name: "Sign in" })).toBeVisible(), false);
});

test("the menu: Skip to content, a menu button that opens the nav below the bar, closes on navigation and on Escape", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  const menu = page.getByTestId("menu-button");
  await expect(page.getByRole("link", { name: "Policies" })).toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await shoot(page, "menu-open");
  await page.getByRole("link", { name: "Policies" }).click();
  await expect(page).toHaveURL(/\/policies$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("link", { name: "Audit" })).toBeHidden();

  // Wide screens have no menu button: everything is in the bar.
  await page.setViewportSize({ width: 1440, height: 800 });
  await expect(menu).toBeHidden();
  await expect(page.getByRole("link", { name: "Audit" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("a clinician's queue with an event open fits at every width, its buttons whole", async ({ page }) => {
  test.setTimeout(90_000);
  await ensureUser(clinician);
  // chat-api is seeded on "monitor": the gateway records the crisis and forwards the message.
  const token = await demoAccessToken("player");
  await viaGateway("/api/chat/messages", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ message: "I can't go on. I want to kill myself tonight, I have the pills ready. Reach me at jo.player@example.org" }),
  });
  await signIn(page, clinician);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/escalations");
    await page.getByRole("button", { name: /^Details/ }).first().click();
    const detail = page.getByTestId("event-detail");
    await expect(detail.getByTestId("event-signals")).toBeVisible();
    expect(await layoutProblems(page), `/escalations at ${width} px`).toEqual([]);
    const box = (await detail.boundingBox())!;
    for (const name of ["Acknowledge", "Assign to me", "Resolve", "Add note", "Close"]) {
      const button = detail.getByRole("button", { name, exact: true });
      await expect(button).toBeVisible();
      const b = (await button.boundingBox())!;
      expect(b.x + b.width, `${name} ends inside the event at ${width} px`).toBeLessThanOrEqual(box.x + box.width + 1);
      expect(await button.evaluate((el) => el.scrollWidth <= el.clientWidth), `${name} is not cut at ${width} px`).toBe(true);
    }
    await shoot(page, "escalations-event");
    await expectNavReachable(page);
  }

  // The history of resolved events, one of them open.
  const queue = await trpc(page.request, "escalations.queue");
  expect((await trpc(page.request, "escalations.resolve", { id: queue.body.result.data.json[0].id })).status).toBe(200);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/escalations/history");
    await page.getByRole("button", { name: /^Details/ }).first().click();
    await expect(page.getByTestId("event-detail").getByTestId("event-signals")).toBeVisible();
    expect(await layoutProblems(page), `/escalations/history at ${width} px`).toEqual([]);
    await shoot(page, "escalation-history-event");
    await expectNavReachable(page);
  }
});
