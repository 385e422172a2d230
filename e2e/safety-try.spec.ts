// The safety page's "try a message" box answers with a running gateway's own crisis classifier
// (both stages of the built-in model, through the gateway's admin API), so an admin sees what the
// data plane does: a game line that the fast first stage flags is shown as cleared by the second
// stage and not escalated; a crisis that no rule matches is escalated.
import { expect, test } from "@playwright/test";
import { signIn } from "./support.ts";

test("try a message: the gateway's two-stage classifier answers, clearing a first-stage false alarm and escalating a crisis no rule matches", async ({ page }) => {
  await signIn(page);
  await page.goto("/safety");
  const box = page.getByLabel("Message to try");

  await box.fill("I want to buy the sword");
  await page.getByRole("button", { name: "Try message" }).click();
  const classifier = page.getByTestId("try-classifier");
  await expect(classifier).toHaveAttribute("data-by", "gateway");
  await expect(classifier).toContainText("the second stage cleared it");
  await expect(page.getByTestId("try-combined")).toHaveAttribute("data-escalate", "false");

  await box.fill("my grandad collapsed on the kitchen floor and his lips look blue");
  await page.getByRole("button", { name: "Try message" }).click();
  await expect(page.getByTestId("try-combined")).toHaveAttribute("data-escalate", "true");
  await expect(page.getByTestId("try-combined")).toContainText(/medical emergency/i);
  await expect(classifier).toHaveAttribute("data-by", "gateway");
});
