// Console v2, capability 1: admins edit the upstream services. An admin creates a service whose
// static instance is one of the demo upstreams, routes to it and publishes, and the gateway serves
// the route from that instance; bad input gets field errors next to its fields; a service a route
// uses cannot be deleted (the refusal names the routes); an operator sees services read-only.
import { expect, test } from "@playwright/test";
import { instanceTestId } from "../apps/console/src/components/operations/test-ids.ts";
import { E2E } from "./env.ts";
import { demoUpstreamUrl, ensureUser, publish, signIn, trpc, waitForGateway } from "./support.ts";

const operator = { email: "services-operator@tta.local", password: "e2e-only-operator-password", name: "Sam Operator", role: "operator" } as const;

let revisionBefore: number | null = null;

test.beforeAll(async () => {
  await ensureUser(operator);
});

test.afterAll(async ({ browser }) => {
  // Give the next specs the seeded configuration back (working tables included).
  if (revisionBefore === null) return;
  const page = await browser.newPage({ baseURL: E2E.consoleUrl });
  await signIn(page);
  const res = await trpc(page.request, "config.rollback", { number: revisionBefore, message: "e2e services: restore the seeded config" });
  expect(res.status).toBe(200);
  await page.close();
});

test("services create → publish → served", async ({ page }) => {
  await signIn(page);
  revisionBefore = (await trpc(page.request, "config.status")).body.result.data.json.latest.number;
  const upstream = await demoUpstreamUrl("agents");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("heading", { name: "Services", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New service" }).click();
  await page.getByLabel("Name", { exact: true }).fill("e2e-echo");
  await page.getByLabel("Version", { exact: true }).fill("0.9.0");
  await page.getByLabel("Environment", { exact: true }).selectOption("prototype");
  await page.getByLabel("Load balancing", { exact: true }).selectOption("weighted_round_robin");
  await page.getByLabel("URL of instance 1").fill(upstream);
  await page.getByLabel("Weight of instance 1").fill("3");
  await page.getByLabel("Interval (ms)").fill("500");
  await page.getByLabel("Failure rate (%)").fill("60");
  await page.getByLabel("Server name", { exact: true }).fill("agents.internal"); // TLS to https instances: kept, unused by this http one
  await page.getByRole("group", { name: "Depends on" }).getByLabel("auth").check();
  await page.getByRole("button", { name: "Create service" }).click();

  await expect(page).toHaveURL(/\/services$/);
  const row = page.getByTestId("service-row-e2e-echo");
  await expect(row).toContainText("prototype");
  await expect(row).toContainText("0.9.0");
  await expect(row).toContainText(`${upstream} ×3`);
  await expect(row).toContainText("no route");
  await expect(page.getByTestId("unpublished-banner")).toBeVisible();

  // A route to it, then one publish for both.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Routes" }).click();
  await page.getByRole("link", { name: "New route" }).click();
  await page.getByLabel("Name", { exact: true }).fill("e2e-echo-api");
  await page.getByLabel("Path", { exact: true }).fill("/e2e-echo/*");
  await page.getByLabel("Rewrite", { exact: true }).fill("/*");
  await page.getByLabel("Service", { exact: true }).selectOption("e2e-echo");
  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByTestId("route-row-e2e-echo-api")).toBeVisible();

  await page.goto("/services");
  await expect(page.getByTestId("service-row-e2e-echo")).toContainText("e2e-echo-api");
  const revision = await publish(page, "Add the e2e-echo service and its route");

  const served = await waitForGateway("/e2e-echo/hello?from=e2e", (a) => a.status === 200, 10_000);
  expect(served.answer.body).toMatchObject({ service: "agents", instance: "agents-1", path: "/hello", query: { from: "e2e" } });

  // The revision shows the service added with its settings.
  await page.goto(`/revisions/${revision}`);
  const added = page.getByTestId("diff-entry").locator("h3");
  await expect(added.filter({ hasText: /^added Service e2e-echo$/ })).toBeVisible();
  await expect(added.filter({ hasText: /^added Route e2e-echo-api$/ })).toBeVisible();

  // Its detail page: the routes that use it, and its live instance as the gateways report it.
  await page.goto("/services");
  await page.getByRole("link", { name: "Edit service e2e-echo" }).click();
  await expect(page.getByTestId("service-used-by")).toContainText("e2e-echo-api");
  await expect(page.getByLabel("URL of instance 1")).toHaveValue(upstream);
  await expect(page.getByLabel("Interval (ms)")).toHaveValue("500");
  await expect(page.getByLabel("Server name", { exact: true })).toHaveValue("agents.internal");
  await expect(page.getByLabel("Verify the instances' certificates")).toBeChecked();
  const live = page.getByTestId("service-live");
  const instance = live.getByTestId(instanceTestId("e2e-echo", upstream));
  await expect(instance).toBeVisible();
  await expect(instance).toContainText("static (config)");
  await expect(instance).toHaveAttribute("data-in-rotation", "true");
  await expect(live.getByTestId(/^instance-/)).toHaveCount(1);
});

test("bad input gets field errors next to the fields, from the form and from the server", async ({ page }) => {
  await signIn(page);
  await page.goto("/services/new");
  await page.getByLabel("Name", { exact: true }).fill("Bad Name");
  await page.getByLabel("URL of instance 1").fill("not a url");
  await page.getByLabel("Weight of instance 1").fill("0");
  await page.getByRole("button", { name: "Add instance" }).click();
  await page.getByLabel("URL of instance 2").fill("http://127.0.0.1:9/");
  await page.getByRole("button", { name: "Add instance" }).click();
  await page.getByLabel("URL of instance 3").fill("http://127.0.0.1:9");
  await page.getByLabel("Healthy threshold", { exact: true }).fill("0");
  await page.getByLabel("Verify the instances' certificates").uncheck();
  await expect(page.getByTestId("tls-verify-off")).toContainText("For a test bench only");
  await page.getByLabel("Client certificate file").fill("-----BEGIN CERTIFICATE-----"); // key material instead of a file's place, and no key file
  await page.getByRole("button", { name: "Create service" }).click();

  await expect(page.getByTestId("form-invalid")).toBeVisible();
  await expect(page.getByTestId("field-error-tlsCertFile")).toContainText("an absolute path");
  await expect(page.getByTestId("field-error-tlsKeyFile")).toHaveText("a client certificate needs its key file");
  await expect(page.getByTestId("field-error-name")).toContainText("lower-case letters");
  await expect(page.getByTestId("field-error-instances.0.url")).toHaveText("must be a URL such as http://127.0.0.1:4001");
  await expect(page.getByTestId("field-error-instances.0.weight")).toBeVisible();
  await expect(page.getByTestId("field-error-instances.2.url")).toHaveText("this URL is listed twice");
  await expect(page.getByTestId("field-error-instances.1.url")).toHaveCount(0);
  await expect(page.getByTestId("field-error-healthyThreshold")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  // The error sits with its own input.
  await expect(page.getByLabel("URL of instance 1")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("URL of instance 2")).toHaveAttribute("aria-invalid", "false");

  // Fixed locally, and then the server's checks: the name is taken.
  await page.getByLabel("Name", { exact: true }).fill("players");
  await page.getByLabel("URL of instance 1").fill("http://127.0.0.1:8");
  await page.getByLabel("Weight of instance 1").fill("1");
  await page.getByRole("button", { name: "Remove instance 3" }).click();
  await page.getByLabel("Healthy threshold", { exact: true }).fill("2");
  await page.getByLabel("Verify the instances' certificates").check();
  await expect(page.getByTestId("tls-verify-off")).toHaveCount(0);
  await page.getByLabel("Client certificate file").fill("");
  await expect(page.getByTestId("form-invalid")).toBeHidden();
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByTestId("field-error-name")).toHaveText('a service named "players" already exists');
  await expect(page).toHaveURL(/\/services\/new$/);
  await page.getByLabel("Name", { exact: true }).fill("players-two");
  await expect(page.getByTestId("field-error-name")).toHaveCount(0);
});

test("deleting a service that routes use is refused with a message naming the routes", async ({ page }) => {
  await signIn(page);
  await page.goto("/services");
  await page.getByRole("button", { name: "Delete service players" }).click();
  await page.getByRole("group", { name: "Delete service players?" }).getByRole("button", { name: "Confirm" }).click();
  const refusal = page.getByTestId("service-delete-error");
  await expect(refusal).toContainText('Not deleted. The service "players" is used by route');
  await expect(refusal).toContainText("players-api");
  await expect(refusal).toContainText("was not deleted");
  await expect(page.getByTestId("service-row-players")).toBeVisible();
});

test("an operator sees services read-only: no create, edit or delete, in the UI or the API", async ({ page }) => {
  await signIn(page, operator);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByTestId("service-row-players")).toBeVisible();
  await expect(page.getByRole("link", { name: "New service" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete service/ })).toHaveCount(0);
  await page.getByRole("link", { name: "View service players" }).click();

  await expect(page.getByRole("heading", { name: "Service players", level: 1 })).toBeVisible();
  await expect(page.getByText("Only admins can change services; you can look, not edit.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("players");
  await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(page.getByLabel("URL of instance 1")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add instance" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  // Operators run the gateways: they see the live state.
  await expect(page.getByTestId("service-live").getByTestId(/^instance-players-/).first()).toBeVisible();

  const players = (await trpc(page.request, "services.list")).body.result.data.json.find((s: { name: string }) => s.name === "players");
  const created = await trpc(page.request, "services.create", { name: "sneaky", instances: [{ url: "http://127.0.0.1:9", weight: 1 }] });
  expect(created.status).toBe(403);
  const removed = await trpc(page.request, "services.delete", { id: players.id });
  expect(removed.status).toBe(403);
});
