// An admin creates an aggregation route in the console: kind "aggregate", parts added in place with
// their own field errors, the routes table shows the kind; once published, the gateway answers
// with the parts' JSON merged under their keys.
import { expect, test } from "@playwright/test";
import { signIn, waitForGateway } from "./support.ts";

const CRISIS = { lines: [{ name: "988 Suicide & Crisis Lifeline", phone: "988" }] };

test("an admin creates an aggregation route with three parts, and the gateway serves it merged", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "New route" }).click();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Name", { exact: true }).fill("player-overview");
  await page.getByLabel("Path", { exact: true }).fill("/overview/:id");
  await page.getByLabel("Service", { exact: true }).selectOption("players");
  await page.getByLabel("Kind", { exact: true }).selectOption("aggregate");
  await expect(page.getByLabel("Rewrite", { exact: true })).toHaveCount(0); // an aggregation route has none

  const part = (n: number) => page.getByRole("group", { name: `Part ${n}`, exact: true });
  await part(1).getByLabel("Key", { exact: true }).fill("player");
  await part(1).getByLabel("Service", { exact: true }).selectOption("players");
  await part(1).getByLabel("Path", { exact: true }).fill("/players/:id");

  await page.getByRole("button", { name: "Add part" }).click();
  await part(2).getByLabel("Key", { exact: true }).fill("player"); // taken by part 1
  await part(2).getByLabel("Service", { exact: true }).selectOption("sessions");
  await part(2).getByLabel("Path", { exact: true }).fill("/sessions?player=:playerId"); // not captured by the route path
  // A visited field shows its error at once (and the error moves what is below it: wait for it before clicking there).
  await part(2).getByLabel("Path", { exact: true }).blur();
  await expect(page.getByTestId("field-error-aggregateParts.1.path")).toContainText(":playerId which the path does not capture");
  await part(2).getByLabel("Required").uncheck();

  await page.getByRole("button", { name: "Add part" }).click();
  await part(3).getByLabel("Key", { exact: true }).fill("crisisResources");
  await part(3).getByLabel("Service", { exact: true }).selectOption("narrative");
  await part(3).getByLabel("Path", { exact: true }).fill("/resources");
  await part(3).getByLabel("Fallback (JSON)").fill("{lines: 988");
  await part(3).getByLabel("Fallback (JSON)").blur();
  await expect(page.getByTestId("field-error-aggregateParts.2.fallback")).toContainText("is not valid JSON");

  await page.getByRole("button", { name: "Create route" }).click();
  await expect(page.getByTestId("field-error-aggregateParts.1.key")).toContainText('another part already has the key "player"');
  await expect(page.getByTestId("field-error-aggregateParts.1.path")).toContainText(":playerId which the path does not capture");
  await expect(page.getByTestId("field-error-aggregateParts.2.fallback")).toContainText("is not valid JSON");
  await expect(page).toHaveURL(/\/routes\/new$/); // nothing was created
  await expect(part(2).getByLabel("Key", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await part(2).getByLabel("Key", { exact: true }).fill("sessions");
  await part(2).getByLabel("Path", { exact: true }).fill("/sessions?player=:id");
  await part(3).getByLabel("Fallback (JSON)").fill(JSON.stringify(CRISIS));
  await expect(page.getByTestId("field-error-aggregateParts.1.key")).toHaveCount(0);
  await page.getByRole("button", { name: "Create route" }).click();

  const row = page.getByTestId("route-row-player-overview");
  await expect(row).toBeVisible();
  await expect(page.getByTestId("route-kind-player-overview")).toContainText("aggregate");
  await expect(page.getByTestId("route-kind-player-overview")).toContainText("3 parts");
  await expect(page.getByTestId("route-kind-players-api")).toContainText("proxy");

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByLabel("Message").fill("Add the player overview");
  await page.getByRole("button", { name: "Confirm publish" }).click();
  await expect(page.getByTestId("published-revision")).toContainText(/revision \d+/i);

  const { answer } = await waitForGateway("/overview/p-42", (a) => a.status === 200);
  expect(answer.headers.get("x-tta-aggregate-complete")).toBe("true");
  expect(Object.keys(answer.body)).toEqual(["player", "sessions", "crisisResources", "_aggregate"]);
  expect(answer.body.player.path).toBe("/players/p-42");
  expect(answer.body.sessions.query).toEqual({ player: "p-42" });
  expect(answer.body.crisisResources.service).toBe("narrative");
  expect(answer.body._aggregate).toEqual({ complete: true, failed: [], fallback: [] });

  // Reopened, the editor shows the parts as saved.
  await row.getByRole("link", { name: /edit/i }).click();
  await expect(part(3).getByLabel("Fallback (JSON)")).toHaveValue(JSON.stringify(CRISIS, null, 2));
  await expect(part(2).getByLabel("Required")).not.toBeChecked();
});
