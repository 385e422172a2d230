// Issue "Console v2" #6: the safety rules are edited as a form. An admin adds a phrase to a category,
// sees a broken rule's error next to it, saves, and "try a message" with that phrase now matches;
// the negation cues are a list in the form; the JSON view stays as an advanced option on the same
// draft (a JSON error is shown there, and the form waits until it is fixed).
import { expect, test } from "@playwright/test";
import { signIn, trpc } from "./support.ts";

const PHRASE = "the purple lighthouse keeps calling me home";

test.afterAll(async ({ browser }) => {
  // The next specs get the built-in rules back.
  const page = await browser.newPage();
  await signIn(page);
  expect((await trpc(page.request, "safety.rules.update", { rules: null })).status).toBe(200);
  await page.close();
});

test("a phrase added through the form is saved and matched by 'try a message'; field errors per rule; the JSON view still works", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await page.goto("/safety");
  const box = page.getByLabel("Message to try");
  const tryIt = async () => {
    await box.fill(PHRASE);
    await page.getByRole("button", { name: "Try message" }).click();
    await expect(page.getByTestId("try-result")).toBeVisible();
  };

  // Before: no rule knows the phrase.
  await tryIt();
  await expect(page.getByTestId("try-result")).toHaveAttribute("data-crisis", "false");

  // The form is the default view.
  await expect(page.getByRole("radio", { name: "Form" })).toBeChecked();
  const form = page.getByTestId("rules-form");
  await form.getByLabel("Category to edit").selectOption({ label: "Suicidal ideation (suicidal_ideation)" });
  const editor = form.getByTestId("category-editor");
  await expect(editor).toHaveAttribute("data-category", "suicidal_ideation");
  const phrases = editor.getByTestId("rule-list-phrases");
  const before = await phrases.locator("li.rule-row").count();

  // A broken rule: its error shows next to it, and Save waits.
  await phrases.getByLabel("New phrase for Suicidal ideation").fill("(unclosed");
  await phrases.getByRole("button", { name: "Add phrase" }).click();
  const broken = phrases.getByTestId(`rule-phrases-${before}`);
  await expect(broken.getByTestId("rule-field-error")).toHaveAttribute("data-path", `categories.0.phrases.${before}`);
  await expect(broken.getByTestId("rule-field-error")).not.toBeEmpty();
  await expect(page.getByTestId("rule-errors")).toContainText(`categories.0.phrases.${before}`);
  await expect(page.getByRole("button", { name: "Save rules" })).toBeDisabled();
  await broken.getByRole("button", { name: /^Remove/ }).click();
  await expect(page.getByTestId("rule-errors")).toHaveCount(0);

  // The phrase, at high severity.
  await phrases.getByLabel("New phrase for Suicidal ideation").fill(PHRASE);
  await phrases.getByLabel("Severity of the new phrase").selectOption("high");
  await phrases.getByRole("button", { name: "Add phrase" }).click();
  const added = phrases.getByTestId(`rule-phrases-${before}`);
  await expect(added.getByRole("textbox")).toHaveValue(PHRASE);
  await expect(added.getByRole("combobox")).toHaveValue("high");
  await expect(phrases.locator("li.rule-row")).toHaveCount(before + 1);

  // The negation cues are a list: one added, then removed again.
  const cues = form.getByRole("group", { name: "Negation cues" });
  const cueCount = await cues.locator("li").count();
  await cues.getByLabel("New entry for negation cues").fill("nah mate");
  await cues.getByRole("button", { name: "Add", exact: true }).click();
  await expect(cues.locator("li")).toHaveCount(cueCount + 1);
  await cues.getByRole("button", { name: "Remove negation cues “nah mate”" }).click();
  await expect(cues.locator("li")).toHaveCount(cueCount);

  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByTestId("rules-source")).toContainText("Working copy");

  // After saving, "try a message" (with the saved working rules) matches the phrase.
  await tryIt();
  const result = page.getByTestId("try-result");
  await expect(result).toHaveAttribute("data-crisis", "true");
  await expect(result).toContainText("Scanned with the working rules");
  await expect(page.getByTestId("try-verdict")).toContainText("Suicidal ideation, high");
  await expect(page.getByTestId("try-signals")).toContainText("purple lighthouse");

  // The JSON view: the same rules, with the phrase; a JSON error is shown there and the form waits.
  await page.getByRole("radio", { name: "JSON (advanced)" }).check();
  const json = page.getByLabel("Rules (JSON)");
  await expect(json).toHaveValue(new RegExp(PHRASE));
  const text = await json.inputValue();
  await json.fill(text.replace(/"version": "([^"]*)"/, '"version": "team-lighthouse"'));
  await page.getByRole("radio", { name: "Form" }).check();
  await expect(page.getByLabel("Version", { exact: true })).toHaveValue("team-lighthouse");
  await page.getByRole("radio", { name: "JSON (advanced)" }).check();
  await json.fill(`${text.slice(0, 40)} oops`);
  await expect(page.getByTestId("field-error-rules")).toContainText("Not valid JSON");
  await expect(page.getByRole("button", { name: "Save rules" })).toBeDisabled();
  await page.getByRole("radio", { name: "Form" }).check();
  await expect(page.getByTestId("rules-form-unavailable")).toBeVisible();
  await page.getByRole("button", { name: "Discard changes" }).click();
  await expect(page.getByTestId("rules-form")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save rules" })).toBeDisabled();
});
