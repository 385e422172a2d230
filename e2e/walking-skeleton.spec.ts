// Issue #2 as a new admin would try it: create a route in the console, publish, reach the demo
// service through the gateway within a second, roll back, and see it gone.
import { expect, test } from "@playwright/test";
import { signIn, viaGateway, waitForGateway } from "./support.ts";

test("a route created and published in the console is served by the gateway, and rollback removes it", async ({ page }) => {
  const before = await viaGateway("/hello/world");
  expect(before.status).toBe(404);
  expect(before.body.error.code).toBe("GW_ROUTE_NOT_FOUND");
  expect(before.body.error.correlationId).toMatch(/^req_/);

  await signIn(page);
  await page.getByRole("link", { name: "New route" }).or(page.getByRole("button", { name: "New route" })).first().click();
  await page.getByLabel("Name", { exact: true }).fill("hello");
  await page.getByLabel("Path", { exact: true }).fill("/hello/*");
  await page.getByLabel("Rewrite", { exact: true }).fill("/*");
  await page.getByLabel("Service", { exact: true }).selectOption("players");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByRole("cell", { name: "hello", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByLabel("Message").fill("Add the hello route");
  await page.getByRole("button", { name: "Confirm publish" }).click();
  const published = page.getByTestId("published-revision");
  await expect(published).toContainText(/revision \d+/i);
  const revision = Number((await published.textContent())!.match(/revision (\d+)/i)![1]);

  const live = await waitForGateway("/hello/world", (a) => a.status === 200);
  expect(live.elapsedMs).toBeLessThan(1000);
  expect(live.answer.body.service).toBe("players");
  expect(live.answer.body.path).toBe("/world");
  expect(live.answer.body.headers["x-tta-config-revision"]).toBe(String(revision));

  await page.getByRole("link", { name: "Revisions" }).click();
  await page.getByRole("link", { name: new RegExp(`^#?${revision - 1}\\b`) }).first().click();
  await page.getByRole("button", { name: "Roll back to this revision" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText(new RegExp(`rolled back from ${revision - 1}`, "i")).first()).toBeVisible();

  const gone = await waitForGateway("/hello/world", (a) => a.status === 404);
  expect(gone.elapsedMs).toBeLessThan(1000);
  expect(gone.answer.body.error.code).toBe("GW_ROUTE_NOT_FOUND");
});
