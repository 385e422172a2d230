// Bad input is refused with a field error, in the form and by the API, and nothing is written.
import { expect, test } from "@playwright/test";
import { sameOrigin, signIn } from "./support.ts";

test("the route form refuses a bad pattern and a duplicate name next to the field, both in one round", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "New route" }).click();
  await page.getByLabel("Name", { exact: true }).fill("players-api"); // the seed's own route
  await page.getByLabel("Path", { exact: true }).fill("no-leading-slash/*");
  await page.getByLabel("Service", { exact: true }).selectOption("players");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByTestId("field-error-path")).toContainText("must start with /");
  await expect(page.getByLabel("Path", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // What only the server knows (the name is taken) comes with the first submit, not after a fix.
  await expect(page.getByTestId("field-error-name")).toContainText('a route named "players-api" already exists');

  await page.getByLabel("Path", { exact: true }).fill("/players-again/*");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByTestId("field-error-name")).toContainText('a route named "players-api" already exists');
  await expect(page.getByTestId("field-error-path")).toHaveCount(0);

  await page.getByRole("link", { name: "Routes" }).click();
  await expect(page.getByTestId("route-row-players-api")).toHaveCount(1);
});

test("the API refuses an unknown service with a field error and a correlation id", async ({ page }) => {
  await signIn(page);
  const res = await page.request.post("/api/trpc/routes.create", {
    data: { json: { name: "ghost", path: "/ghost/*", service: "no-such-service" } },
    headers: sameOrigin,
  });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.json.data.appCode).toBe("CONSOLE_VALIDATION");
  expect(body.error.json.data.fieldErrors).toEqual([{ path: "service", message: 'unknown service "no-such-service"' }]);
  expect(body.error.json.data.correlationId).toMatch(/^req_/);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace

  const list = await page.request.get("/api/trpc/routes.list");
  expect(JSON.stringify(await list.json())).not.toContain("ghost");
});

test("the API answers a call without a session with 401 JSON, not a page", async ({ request }) => {
  const res = await request.get("/api/trpc/routes.list", { maxRedirects: 0 });
  expect(res.status()).toBe(401);
  const body = await res.json();
  expect(body.error.json.data.code).toBe("UNAUTHORIZED");
  expect(body.error.json.data.correlationId).toMatch(/^req_/);
});
