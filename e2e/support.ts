import { expect, type Page } from "@playwright/test";
import { E2E } from "./env.ts";

export async function signIn(page: Page, who = E2E.admin) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/routes/);
}

export interface GatewayAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export async function viaGateway(path: string): Promise<GatewayAnswer> {
  const res = await fetch(`${E2E.gatewayUrl}${path}`);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

/** Polls the gateway until `check` holds; returns the answer and how long it took. */
export async function waitForGateway(path: string, check: (a: GatewayAnswer) => boolean, timeoutMs = 5000) {
  const started = Date.now();
  let last: GatewayAnswer | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await viaGateway(path);
    if (check(last)) return { answer: last, elapsedMs: Date.now() - started };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gateway never satisfied the check for ${path}; last answer ${last?.status} ${JSON.stringify(last?.body)}`);
}
