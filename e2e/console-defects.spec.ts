// What a new user tripped over in the console, each checked where they met it: library messages in
// the route form, a publish error that outlived its fix, "none" for "all methods" in diffs, a 404
// without navigation, a disabled form for non-admins, and sign-ins missing from the audit log.
import { expect, test } from "@playwright/test";
import { E2E } from "./env.ts";
import { ensureUser, signIn } from "./support.ts";

const OPERATOR = { email: "olive.defects@tta.local", password: "operator-defects-password", name: "Olive Defects", role: "operator" as const };

test("the route form speaks plainly, shows an unset retry as 'by priority', and keeps select labels whole", async ({ page }) => {
  await signIn(page);
  await page.goto("/routes/new");
  await page.getByLabel("Timeout (ms)").fill("1.5");
  await page.getByLabel("Retry attempts").fill("11");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByTestId("field-error-timeoutMs")).toHaveText(/must be a whole number/);
  await expect(page.getByTestId("field-error-retryAttempts")).toHaveText(/must be at most 10/);
  await expect(page.locator(".field-error")).not.toContainText(["Invalid input", "Too big", "expected"]);

  await page.goto("/routes");
  await page.getByTestId("route-row-players-api").getByRole("link").first().click();
  await expect(page.getByLabel("Retry attempts")).toHaveAttribute("placeholder", /by priority/);

  // Every select shows its chosen text in full: its content fits its box.
  const cut = await page.locator("form select").evaluateAll((selects) =>
    selects.filter((s) => (s as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (s as unknown as { clientWidth: number }).clientWidth + 1).length,
  );
  expect(cut).toBe(0);
});

test("a publish message error goes once a message is typed; the diff says all methods and any host", async ({ page }) => {
  await signIn(page);
  await page.goto("/routes/new");
  await page.getByLabel("Name", { exact: true }).fill("defects-any");
  await page.getByLabel("Path", { exact: true }).fill("/defects-any/*");
  await page.getByLabel("Service", { exact: true }).selectOption("players");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page).toHaveURL(/\/routes$/);

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByLabel("Message").fill("   ");
  await page.getByRole("button", { name: "Confirm publish" }).click();
  await expect(page.getByTestId("field-error-message")).toBeVisible();
  await page.getByLabel("Message").fill("Add defects-any");
  await expect(page.getByTestId("field-error-message")).toHaveCount(0);
  await page.getByRole("button", { name: "Confirm publish" }).click();
  await expect(page.getByText(/Published revision \d+/)).toBeVisible();

  await page.goto("/revisions");
  await page.locator("tr", { hasText: "Add defects-any" }).getByRole("link").first().click();
  const entry = page.getByTestId("diff-entry").filter({ hasText: "defects-any" });
  await expect(entry.locator("dt", { hasText: "methods" }).locator("xpath=following-sibling::dd")).toHaveText("all");
  await expect(entry.locator("dt", { hasText: "host" }).locator("xpath=following-sibling::dd")).toHaveText("any");
});

test("an unknown address keeps the console's navigation; non-admins get a read-only page instead of a create form", async ({ page }) => {
  await ensureUser(OPERATOR);
  await signIn(page, OPERATOR);
  const res = await page.goto("/no-such-page/at-all");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeAttached();
  await expect(page.getByTestId("current-user")).toBeAttached();

  for (const path of ["/routes/new", "/services/new", "/policies/rate-limit/new", "/policies/auth/new"]) {
    await page.goto(path);
    await expect(page.getByTestId("read-only")).toContainText("Only admins can create");
    await expect(page.locator("form input")).toHaveCount(0);
  }
});

test("sign-ins are audited, failed ones too, without what was typed", async ({ page }) => {
  await page.goto("/signin");
  // The form must be live before it is used: a click before hydration submits nothing.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toContainText("incorrect");
  await signIn(page);
  await page.goto("/audit");
  await expect(page.locator('tr[data-action="auth.sign_in_failed"]').first()).toBeVisible();
  await expect(page.locator('tr[data-action="auth.sign_in"]').first()).toBeVisible();
  await expect(page.locator("main")).not.toContainText("not-the-password");
});
