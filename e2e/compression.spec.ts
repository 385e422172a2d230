// Response compression from the console: an admin turns compression on for the seeded public route
// auth-api (minimum size 0: the demo echo's answers are small), is told at the field when a content
// type is not one, saves, sees it in the routes table and publishes. The gateway then answers br to
// a client that accepts it, gzip to one that asks for gzip and identity to one that asks for
// nothing else, and asks the upstream for identity (the demo echo shows what it got). The route is
// put back as it was afterwards.
import { expect, test, type Page } from "@playwright/test";
import { publish, signIn, viaGateway, type GatewayAnswer } from "./support.ts";

const ROUTE = "auth-api";
/** Served by the demo auth service's echo (it handles only /auth/login, /auth/logout and JWKS). */
const PATH = "/api/auth/compression-e2e";

const encodingOf = (a: GatewayAnswer) => a.headers.get("content-encoding") ?? "identity";
const asking = (acceptEncoding: string) => viaGateway(PATH, { headers: { "accept-encoding": acceptEncoding } });

async function setCompression(page: Page, on: boolean) {
  await page.goto("/routes");
  await page.getByRole("link", { name: `Edit ${ROUTE}` }).click();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Compress answers for clients that accept it").setChecked(on);
  if (on) {
    // Turned on from no policy: the schema's defaults, shown in the fields.
    await expect(page.getByLabel("Minimum size (bytes)")).toHaveValue("1024");
    await expect(page.getByLabel("Content types")).toHaveValue(/^text\/html\n[\s\S]*application\/json\n/);
    await expect(page.getByLabel("Also compress answers to requests with cookies or an Authorization header, and answers that set cookies")).not.toBeChecked();
    const types = page.getByLabel("Content types");
    await types.fill("application/json\n*/*");
    await types.blur();
    await expect(page.getByTestId("field-error-compressionContentTypes")).toHaveText("name the types (images, video and archives gain nothing from compression)");
    await types.fill("application/json\ntext/*");
    await expect(page.getByTestId("field-error-compressionContentTypes")).toHaveCount(0);
    await page.getByLabel("Minimum size (bytes)").fill("0");
  }
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/\/routes$/);
  await expect(page.getByTestId(`route-compression-${ROUTE}`)).toHaveText(on ? "br, gzip" : "off");
  await publish(page, on ? `compress ${ROUTE}` : `stop compressing ${ROUTE}`);
}

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  try {
    await signIn(page);
    await page.goto("/routes");
    if ((await page.getByTestId(`route-compression-${ROUTE}`).textContent()) !== "off") await setCompression(page, false);
  } finally {
    await page.close();
  }
});

test("an admin turns compression on for a route; the gateway then compresses its answers by Accept-Encoding", async ({ page }) => {
  await signIn(page);
  expect(encodingOf(await asking("br, gzip"))).toBe("identity"); // not compressed before

  await setCompression(page, true);

  // The published policy reaches the gateway.
  await expect(async () => expect(encodingOf(await asking("gzip, deflate, br"))).toBe("br")).toPass({ timeout: 20_000 });
  const br = await asking("gzip, deflate, br");
  expect(br.headers.get("vary") ?? "").toMatch(/accept-encoding/i);
  expect(br.headers.get("content-length")).toBeNull();
  const echo = br.body as { headers: Record<string, string> };
  expect(echo.headers["accept-encoding"]).toBe("identity"); // the gateway compresses, the upstream is asked for identity
  expect(encodingOf(await asking("gzip"))).toBe("gzip");
  expect(encodingOf(await asking("identity"))).toBe("identity");
});
