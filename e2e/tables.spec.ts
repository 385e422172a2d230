// The console's tables as an admin uses them: enough routes for a second page, a search that
// narrows them, headers that sort both ways (aria-sort tells which), the page and the search kept in
// the URL; rows changed since the live revision marked until published; a toast naming what was
// created, saved or deleted; the audit log's entity ids opening the entity, its dates year-first.
import { expect, test, type Page } from "@playwright/test";
import { publish, signIn, trpc } from "./support.ts";

const run = Date.now().toString(36);

async function routeCount(page: Page): Promise<number> {
  const { body } = await trpc(page.request, "routes.list");
  return body.result.data.json.length;
}

test("routes: a second page, search by name, sorting by a header both ways, kept in the URL", async ({ page }) => {
  await signIn(page);
  const prefix = `tbl-${run}`;
  const ids: string[] = [];
  try {
    for (let i = 1; i <= 35; i++) {
      const n = String(i).padStart(2, "0");
      const created = await trpc(page.request, "routes.create", { name: `${prefix}-${n}`, path: `/${prefix}/${n}/*`, service: "players", priority: -500 - i });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      ids.push(created.body.result.data.json.id);
    }
    const total = await routeCount(page);
    expect(total).toBeGreaterThan(40); // the seed's routes and others' are there too
    await page.goto("/routes");
    const table = page.getByRole("table", { name: "Routes" });
    const range = page.getByRole("navigation", { name: "Routes pages" }).getByTestId("table-range");
    await expect(range).toHaveText(`1–20 of ${total}`);
    await expect(table.locator("tbody tr")).toHaveCount(20);

    // Highest priority first by default: these routes (priority -501…-535) are at the end.
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(range).toHaveText(`21–40 of ${total}`);
    await expect(page).toHaveURL(/[?&]page=2\b/);
    await page.reload();
    await expect(range).toHaveText(`21–40 of ${total}`);
    await expect(page.getByRole("button", { name: "Previous page" })).toBeEnabled();

    // A search narrows the rows and goes back to the first page.
    await page.getByLabel("Search routes").fill(prefix);
    await expect(range).toHaveText("1–20 of 35");
    await expect(page).not.toHaveURL(/[?&]page=/);
    await page.getByLabel("Search routes").fill(`${prefix}-07`);
    await expect(range).toHaveText("1–1 of 1");
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId(`route-row-${prefix}-07`)).toBeVisible();

    // Sorting: Priority is the default order; Name sorts ascending, then descending.
    await page.getByLabel("Search routes").fill(prefix);
    const priority = table.getByRole("columnheader", { name: "Priority" });
    const name = table.getByRole("columnheader", { name: "Name" });
    await expect(priority).toHaveAttribute("aria-sort", "descending");
    await expect(name).toHaveAttribute("aria-sort", "none");
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-testid", `route-row-${prefix}-01`);
    await name.getByRole("button").click();
    await expect(name).toHaveAttribute("aria-sort", "ascending");
    await expect(priority).toHaveAttribute("aria-sort", "none");
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-testid", `route-row-${prefix}-01`);
    await name.getByRole("button").click();
    await expect(name).toHaveAttribute("aria-sort", "descending");
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-testid", `route-row-${prefix}-35`);
    await expect(page).toHaveURL(/[?&]sort=-name\b/);
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(range).toHaveText("21–35 of 35");
    await expect(table.locator("tbody tr").last()).toHaveAttribute("data-testid", `route-row-${prefix}-01`);

    // A link keeps all of it.
    const link = page.url();
    await page.goto("/policies");
    await page.goto(link);
    await expect(range).toHaveText("21–35 of 35");
    await expect(page.getByLabel("Search routes")).toHaveValue(prefix);
    await expect(table.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");

    // The filters: only disabled routes (none of these).
    await page.getByLabel("Enabled", { exact: true }).selectOption("no");
    await expect(range).toHaveText("0 of 0");
    await expect(page.getByText("No routes match.")).toBeVisible();
  } finally {
    for (const id of ids) await trpc(page.request, "routes.delete", { id });
  }
});

test("a route changed since the live revision is marked until published; toasts name what was created, saved and deleted", async ({ page }) => {
  await signIn(page);
  const name = `marked-${run}`;
  const row = page.getByTestId(`route-row-${name}`);
  const toast = page.getByTestId("toasts");

  await page.getByRole("link", { name: "New route" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Path", { exact: true }).fill(`/${name}/*`);
  await page.getByLabel("Service", { exact: true }).selectOption("players");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page).toHaveURL(/\/routes$/);
  await expect(toast).toContainText(`Route "${name}" created.`);
  await expect(toast).toHaveAttribute("role", "status");
  await expect(row).toHaveAttribute("data-changed", "added");
  await expect(row.getByTestId("changed-since-live")).toHaveText(/new/);

  await publish(page, `tables: add ${name}`);
  await expect(row).toHaveAttribute("data-changed", "");
  await expect(row.getByTestId("changed-since-live")).toHaveCount(0);

  // Edited, not published: marked "changed" (and the filter finds it). Saving goes back to the
  // list as it was left, searched.
  await page.getByLabel("Search routes").fill(name);
  await page.getByRole("link", { name: `Edit ${name}` }).click();
  await page.getByLabel("Priority", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast).toContainText(`Route "${name}" saved.`);
  await expect(page).toHaveURL(new RegExp(`/routes\\?q=${name}$`));
  await expect(page.getByLabel("Search routes")).toHaveValue(name);
  await expect(row).toHaveAttribute("data-changed", "changed");
  await expect(row.getByTestId("changed-since-live")).toHaveText(/changed/);
  await page.getByLabel("Since live").selectOption("yes");
  await expect(row).toBeVisible();
  await expect(page.getByRole("table", { name: "Routes" }).locator("tbody tr")).toHaveCount(1);
  await page.getByLabel("Since live").selectOption("");

  await publish(page, `tables: edit ${name}`);
  await expect(row).toHaveAttribute("data-changed", "");
  await expect(row.getByTestId("changed-since-live")).toHaveCount(0);

  // Deleted: the toast names it, and the list says it is still live until published.
  await row.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(toast).toContainText(`Route "${name}" deleted.`);
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("removed-since-live")).toContainText(name);
  await publish(page, `tables: delete ${name}`);
  await expect(page.getByTestId("removed-since-live")).toHaveCount(0);
});

test("policies: deleting one names it in a toast; the two tables keep their own search in the URL", async ({ page }) => {
  await signIn(page);
  const name = `rl-${run}`;
  const created = await trpc(page.request, "policies.rateLimit.create", { name, limit: 10, windowSeconds: 1 });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  await page.goto("/policies");
  await page.getByLabel("Search rate-limit policies").fill(name);
  await expect(page).toHaveURL(new RegExp(`[?&]rl\\.q=${name}`));
  const rl = page.getByRole("table", { name: "Rate-limit policies" });
  await expect(rl.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId(`rate-limit-row-${name}`)).toHaveAttribute("data-changed", "added");
  await expect(page.getByRole("table", { name: "Auth policies" }).locator("tbody tr").first()).toBeVisible(); // not searched
  await page.getByRole("button", { name: `Delete rate-limit policy ${name}` }).click();
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByTestId("toasts")).toContainText(`Rate-limit policy "${name}" deleted.`);
});

test("audit: an entity's id opens its page; the date filter is year-first, with a clear error otherwise", async ({ page }) => {
  await signIn(page);
  const name = `audited-${run}`;
  const created = await trpc(page.request, "routes.create", { name, path: `/${name}/*`, service: "players" });
  const id: string = created.body.result.data.json.id;
  try {
    await page.goto(`/audit?entityId=${id}`);
    const log = page.getByRole("table", { name: "Audit log" });
    await expect(log.locator("tbody tr[data-action]")).toHaveCount(1);
    await expect(page.getByTestId("table-range")).toHaveText("1–1 of 1");
    await log.getByRole("link", { name: new RegExp(`^${id}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/routes/${id}$`));
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);

    // A publish row opens its revision.
    await page.goto("/audit?action=config.publish");
    const publishRow = page.getByRole("table", { name: "Audit log" }).locator('tr[data-action="config.publish"]').first();
    await publishRow.getByRole("link").click();
    await expect(page).toHaveURL(/\/revisions\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/Revision/);

    // Dates: US order is refused with the format to use; yyyy-mm-dd is taken, and a day alone is the whole day.
    await page.goto(`/audit?entityId=${id}`);
    const from = page.getByLabel("From", { exact: true });
    await expect(from).toHaveAttribute("type", "text");
    await from.fill("12/02/2026");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByTestId("field-error-from")).toContainText("yyyy-mm-dd");
    await expect(from).toHaveAttribute("aria-invalid", "true");
    await expect(page).not.toHaveURL(/from=/);
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    await from.fill(day);
    await page.getByLabel("To", { exact: true }).fill(day);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${day}`));
    await expect(page.getByTestId("field-error-from")).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Audit log" }).locator("tbody tr[data-action]")).toHaveCount(1);

    // Oldest first from the Time header.
    const time = page.getByRole("table", { name: "Audit log" }).getByRole("columnheader", { name: "Time" });
    await expect(time).toHaveAttribute("aria-sort", "descending");
    await time.getByRole("button").click();
    await expect(time).toHaveAttribute("aria-sort", "ascending");
  } finally {
    await trpc(page.request, "routes.delete", { id });
  }
});
