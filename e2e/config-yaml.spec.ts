// Config as code from the console: an admin downloads the working copy as YAML, edits it (moves
// players-api to a new path, adds a route), uploads it, sees the diff naming the changed route,
// applies and publishes it, and the gateway serves the change. A file with an invalid field is
// refused with the field's path and changes nothing; one that turns crisis scanning off is
// flagged before it can be applied.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parse, stringify } from "yaml";
import { E2E } from "./env.ts";
import { demoAccessToken, ensureUser, signIn, trpc, viaGateway, waitForGateway, type GatewayAnswer } from "./support.ts";

let revisionBefore: number | null = null;

test.afterAll(async ({ browser }) => {
  // Give the next specs the seeded routes back.
  if (revisionBefore === null) return;
  const page = await browser.newPage({ baseURL: E2E.consoleUrl });
  await signIn(page);
  expect((await trpc(page.request, "config.rollback", { number: revisionBefore, message: "e2e config-yaml: restore the routes" })).status).toBe(200);
  await page.close();
});

type ConfigFile = { apiVersion: string; kind: string; routes: Array<Record<string, unknown> & { name: string }> };

/** Clicks a download button and returns the saved file's name and parsed YAML. */
async function download(page: Page, button: string): Promise<{ name: string; text: string; doc: ConfigFile }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(button).click()]);
  const text = await readFile((await file.path())!, "utf8");
  return { name: file.suggestedFilename(), text, doc: parse(text) as ConfigFile };
}

async function upload(page: Page, doc: unknown, name = "edited.yaml") {
  await page.getByLabel("YAML file").setInputFiles({ name, mimeType: "application/yaml", buffer: Buffer.from(stringify(doc)) });
  await page.getByRole("button", { name: "Check file" }).click();
}

/** Polls the gateway as the demo player until `check` holds (publishes reach it within a second). */
async function untilServed(path: string, token: string, check: (a: GatewayAnswer) => boolean): Promise<GatewayAnswer> {
  const started = Date.now();
  let last: GatewayAnswer;
  do {
    last = await viaGateway(path, { headers: { authorization: `Bearer ${token}` } });
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() - started < 5_000);
  throw new Error(`${path}: still ${last.status} ${JSON.stringify(last.body)}`);
}

const status = async (page: Page) => (await trpc(page.request, "config.status")).body.result.data.json as { latest: { number: number }; unpublishedChanges: boolean };

test("download the working copy, edit it, upload it, see the diff, apply and publish: the gateway serves the change", async ({ page }) => {
  await signIn(page);
  revisionBefore = (await status(page)).latest.number;
  const token = await demoAccessToken();
  const asPlayer = { headers: { authorization: `Bearer ${token}` } };
  expect((await viaGateway("/api/players/me", asPlayer)).status).toBe(200);

  await page.getByRole("link", { name: "Revisions" }).click();
  await expect(page.getByRole("heading", { name: "Revisions", level: 1 })).toBeVisible();
  const working = await download(page, "download-working");
  expect(working.name).toBe("tta-config-working.yaml");
  expect(working.doc.apiVersion).toBe("tta.gateway/v1");
  expect(working.doc.kind).toBe("GatewayConfig");
  expect(working.doc.routes.map((r) => r.name)).toEqual(expect.arrayContaining(["auth-api", "players-api", "chat-api", "narrative-api"]));
  expect(working.text).not.toMatch(/\brt_[0-9a-z]+/); // no generated ids

  // The same file back: nothing to change.
  await upload(page, working.doc, working.name);
  await expect(page.getByTestId("import-diff-working")).toContainText("Same configuration as the working copy.");

  const edited = structuredClone(working.doc);
  const players = edited.routes.find((r) => r.name === "players-api")!;
  players.path = "/api/v2/players/*";
  players.timeoutMs = 9_000;
  edited.routes.push({ name: "yaml-hello", path: "/yaml-hello/*", rewrite: "/*", service: "players" });
  await upload(page, edited);
  const diff = page.getByTestId("import-diff-working");
  await expect(diff.getByTestId("diff-counts")).toHaveText("1 added, 1 changed, 0 removed.");
  const changed = diff.getByTestId("diff-entry").filter({ hasText: "players-api" });
  await expect(changed).toContainText("changed");
  await expect(changed).toContainText("/api/v2/players/*");
  await expect(changed).toContainText("timeout (ms)");
  await expect(diff.getByTestId("diff-entry").filter({ hasText: "yaml-hello" })).toContainText("added");
  await expect(page.getByTestId("import-diff-live")).toContainText(`Against live revision #${revisionBefore}`);
  await expect(page.getByTestId("safety-weakenings")).toHaveCount(0);

  await page.getByLabel("Message").fill("Move players to /api/v2 from a YAML file");
  await page.getByRole("button", { name: "Apply and publish" }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText(/Published revision \d+ from the file/);
  const published = Number((await result.textContent())!.match(/revision (\d+)/)![1]);
  expect(published).toBeGreaterThan(revisionBefore);

  const moved = await untilServed("/api/v2/players/me", token, (a) => a.status === 200);
  expect(moved.body.service).toBe("players");
  expect((await viaGateway("/api/players/me", asPlayer)).status).toBe(404);
  const added = await waitForGateway("/yaml-hello/x", (a) => a.status === 200);
  expect(added.answer.body.service).toBe("players");

  // The published revision downloads as what was uploaded.
  await page.goto("/revisions");
  const rev = await download(page, `download-revision-${published}`);
  expect(rev.name).toBe(`tta-config-rev-${published}.yaml`);
  expect(rev.doc.routes.find((r) => r.name === "players-api")?.path).toBe("/api/v2/players/*");
  expect(rev.doc.routes.some((r) => r.name === "yaml-hello")).toBe(true);
});

test("an upload with an invalid field shows its path and changes nothing; one that turns crisis scanning off is flagged", async ({ page }) => {
  await signIn(page);
  const before = await status(page);
  await page.goto("/revisions");
  const { doc } = await download(page, "download-working");
  const index = doc.routes.findIndex((r) => r.name === "chat-api");

  const invalid = structuredClone(doc);
  invalid.routes[index]!.timeoutMs = 5;
  await upload(page, invalid);
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText(`routes[${index}].timeoutMs`);
  await expect(errors).toContainText("at least 100 ms");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Apply and publish" })).toHaveCount(0);

  await page.getByLabel("Or paste the YAML").fill("apiVersion: tta.gateway/v1\nkind: GatewayConfig\nroutes: [\n");
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByTestId("import-errors")).toContainText(/YAML syntax error at line \d+, column \d+/);

  const unsafe = structuredClone(doc);
  unsafe.routes[index]!.safetyScan = "off";
  unsafe.routes[index]!.maskResponsePii = false;
  await upload(page, unsafe);
  const warning = page.getByTestId("safety-weakenings");
  await expect(warning).toBeVisible();
  await expect(warning.getByTestId("weakened-routes")).toHaveText("chat-api");
  await expect(warning).toContainText("crisis and content scanning is turned off");
  await expect(warning).toContainText("clinician");
  await expect(page.getByRole("button", { name: "Apply and publish" })).toBeDisabled();
  await page.getByLabel("I have checked the safety changes above").check();
  await expect(page.getByRole("button", { name: "Apply and publish" })).toBeEnabled();

  // Nothing was applied along the way.
  expect(await status(page)).toEqual(before);
});

test("operators download but cannot upload; the API refuses their upload", async ({ page }) => {
  const operator = await ensureUser({ email: `operator-yaml-${Date.now().toString(36)}@tta.local`, password: "an operator's e2e password", name: "Olga Operator", role: "operator" });
  await signIn(page, operator);
  await page.goto("/revisions");
  await expect(page.getByRole("heading", { name: "Revisions", level: 1 })).toBeVisible();
  const { name } = await download(page, "download-working");
  expect(name).toBe("tta-config-working.yaml");
  await expect(page.getByRole("heading", { name: "Upload a configuration file" })).toHaveCount(0);
  const refused = await trpc(page.request, "config.importApply", { yaml: "apiVersion: tta.gateway/v1\nkind: GatewayConfig\nservices: []\nroutes: []\n", mode: "publish", message: "no" });
  expect(refused.status).toBe(403);
});
