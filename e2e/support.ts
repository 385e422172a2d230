import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./env.ts";

/** Where each role starts after signing in (apps/console/src/components/nav/landing-path.ts). */
const START_PAGE: Record<string, RegExp> = { admin: /\/overview$/, operator: /\/overview$/, clinician: /\/escalations$/ };

/**
 * Signs in and checks the start page of the user's `role` (E2E.admin is an admin; a user given
 * without a role may land on any start page), then opens `then`: "/routes" unless told, where
 * the specs written before the overview start; null stays on the start page.
 */
export async function signIn(page: Page, who: { email: string; password: string; role?: string } = E2E.admin, then: string | null = "/routes") {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const role = who === E2E.admin ? "admin" : who.role;
  await expect(page).toHaveURL((role && START_PAGE[role]) || /\/(overview|escalations|routes)$/);
  if (then) await page.goto(then);
}

export interface GatewayAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export async function viaGateway(path: string, init?: RequestInit): Promise<GatewayAnswer> {
  const res = await fetch(`${E2E.gatewayUrl}${path}`, init);
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

/** A console user with one role, created (or reset to this password and role) straight in the e2e database. */
export async function ensureUser(who: { email: string; password: string; name: string; role: "admin" | "operator" | "clinician" }) {
  const { createDb, hashPassword } = await import("@tta/db");
  const { newId } = await import("@tta/domain");
  const db = createDb(E2E.databaseUrl, { max: 1 });
  try {
    const data = { name: who.name, roles: [who.role], passwordHash: await hashPassword(who.password), disabled: false };
    await db.user.upsert({ where: { email: who.email }, update: data, create: { id: newId("user"), email: who.email, ...data } });
  } finally {
    await db.$disconnect();
  }
  return who;
}

/** Takes a demo upstream down ("refuse": closed listener; "error": 503 everywhere) or brings it back. */
export async function demoUpstream(service: string, action: "down" | "up", mode: "refuse" | "error" = "refuse") {
  const query = action === "down" ? `?mode=${mode}` : "";
  const res = await fetch(`${E2E.demoControlUrl}/control/${service}/${action}${query}`, { method: "POST" });
  if (!res.ok) throw new Error(`demo control ${service} ${action}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { name: string; url: string; state: string };
}

/** Where a demo service listens (its instance origin in the seeded config), from the test hook. */
export async function demoUpstreamUrl(service: string): Promise<string> {
  const res = await fetch(`${E2E.demoControlUrl}/control`);
  const { services } = (await res.json()) as { services: Array<{ name: string; url: string }> };
  const found = services.find((s) => s.name === service);
  if (!found) throw new Error(`no demo service ${service}`);
  return found.url;
}

/** An access token from the demo auth service through the gateway's public /api/auth/login (demo users: player, clinician, admin). */
export async function demoAccessToken(username = "player"): Promise<string> {
  const answer = await viaGateway("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username }) });
  if (answer.status !== 200 || typeof answer.body?.accessToken !== "string") throw new Error(`demo login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.accessToken;
}

/** What a console page's fetch sends: the console refuses state-changing calls from other origins. */
export const sameOrigin = { origin: new URL(E2E.consoleUrl).origin };

/** Calls a console tRPC procedure with the signed-in context's cookies: GET without input, POST (from the console's origin) with. */
export async function trpc(request: APIRequestContext, path: string, input?: unknown) {
  const res = input === undefined ? await request.get(`/api/trpc/${path}`) : await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: sameOrigin });
  return { status: res.status(), body: await res.json() };
}

/** Publishes the working configuration from the banner and returns the new revision number. */
export async function publish(page: Page, message: string): Promise<number> {
  await expect(page.getByTestId("unpublished-banner")).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByLabel("Message").fill(message);
  await page.getByRole("button", { name: "Confirm publish" }).click();
  const published = page.getByTestId("published-revision");
  await expect(published).toContainText(/revision \d+/i);
  return Number((await published.textContent())!.match(/revision (\d+)/i)![1]);
}
