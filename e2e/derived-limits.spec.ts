// Issue "Console v2" #7: the rate-limit policy page and a route's page say what the therapeutic
// multiplier makes of a limit, and the numbers are the gateway's: a player's token on the
// therapeutic chat route sees the q= the page gives for it, one on a standard route the plain one.
import { expect, test } from "@playwright/test";
import { demoAccessToken, signIn, viaGateway } from "./support.ts";

const quota = (header: string | null) => Number(/;q=(\d+)/.exec(header ?? "")?.[1]);

test("the policy and route pages show the effective limits per therapeutic priority, as the gateway applies them", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Policies" }).click();
  await page.getByRole("link", { name: "Edit rate-limit policy default" }).click();

  // The seeded default: 100 / 60 s, burst 20, multiplier 1.5.
  const limits = page.getByTestId("effective-limits");
  await expect(limits.getByTestId("effective-limit-standard")).toHaveText("requests on standard routes: 100 / 60 s, burst 20");
  await expect(limits.getByTestId("effective-limit-therapeutic")).toHaveText("players on therapeutic routes: 150 / 60 s (×1.5), burst 30");
  await expect(limits.getByTestId("effective-limit-crisis")).toContainText("crisis bypass");
  const pageTherapeutic = Number(await limits.getByTestId("effective-limit-therapeutic").getAttribute("data-limit"));
  const pageStandard = Number(await limits.getByTestId("effective-limit-standard").getAttribute("data-limit"));

  // What tokens get through the gateway: the same numbers. The demo player's token names a
  // therapeutic session, so even a standard route gives it the multiplier; the demo admin's does not.
  const pageSession = Number(await limits.getByTestId("effective-limit-session").getAttribute("data-limit"));
  const player = { headers: { authorization: `Bearer ${await demoAccessToken("player")}` } };
  const admin = { headers: { authorization: `Bearer ${await demoAccessToken("admin")}` } };
  expect(quota((await viaGateway("/api/chat/history", player)).headers.get("ratelimit-policy"))).toBe(pageTherapeutic);
  expect(quota((await viaGateway("/api/chat/history", admin)).headers.get("ratelimit-policy"))).toBe(pageTherapeutic);
  expect(quota((await viaGateway("/api/players/me", player)).headers.get("ratelimit-policy"))).toBe(pageSession);
  expect(quota((await viaGateway("/api/players/me", admin)).headers.get("ratelimit-policy"))).toBe(pageStandard);
  expect([pageStandard, pageTherapeutic, pageSession]).toEqual([100, 150, 150]);

  // The explanation follows the form as it is typed, before saving.
  await page.getByLabel("Therapeutic multiplier", { exact: true }).fill("2");
  await expect(limits.getByTestId("effective-limit-therapeutic")).toHaveText("players on therapeutic routes: 200 / 60 s (×2), burst 40");
  await page.getByLabel("Limit", { exact: true }).fill("");
  await expect(page.getByTestId("effective-limits-pending")).toBeVisible();

  // The route pages say it for their own service.
  await page.goto("/routes");
  await page.getByRole("link", { name: "Edit chat-api" }).click();
  const chatLimits = page.getByTestId("route-limits");
  await expect(chatLimits.getByTestId("effective-limit-therapeutic")).toHaveText("players on this therapeutic route (service chat): 150 / 60 s (×1.5), burst 30");
  await expect(chatLimits.getByTestId("effective-limit-standard")).toHaveCount(0);
  await page.goto("/routes");
  await page.getByRole("link", { name: "Edit players-api" }).click();
  const playerLimits = page.getByTestId("route-limits");
  await expect(playerLimits.getByTestId("effective-limit-standard")).toHaveText("requests on this route: 100 / 60 s, burst 20");
  await expect(playerLimits.getByTestId("effective-limit-session")).toContainText("150 / 60 s (×1.5)");
  // Choosing a policy without bypass or another service changes it at once.
  await page.getByLabel("Rate-limit policy", { exact: true }).selectOption("token-refresh");
  await expect(playerLimits.getByTestId("effective-limit-standard")).toHaveText("requests on this route: 10 / 60 s");
  await expect(playerLimits.getByTestId("effective-limit-crisis")).toHaveText("crisis messages (no crisis bypass): 15 / 60 s (×1.5)");
});
