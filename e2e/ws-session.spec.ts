// A crisis that comes over a WebSocket: a player on the seeded /ws/chat route (WebSocket, demo
// token, safety scan "enforce") writes a crisis message; the clinician sees the escalation arrive
// live in the queue, opens it, follows the session (the player's next message appears masked in
// the Live session panel) and writes to the player, whose client gets it as a message from the
// clinician. Following and the message are audited, the message's text is not.
// Gateway side: apps/gateway/src/websocket/PROTOCOL.md (frames `session`, `crisis-resources`,
// `message` with `from: "clinician"`; admin GET /ws/sessions/{id}/follow and POST …/messages).
import { expect, test, type Browser, type Page } from "@playwright/test";
import WebSocket from "ws";
import { E2E } from "./env.ts";
import { demoAccessToken, ensureUser, signIn } from "./support.ts";

const run = Date.now().toString(36);
const clinician = { email: `clinician-ws-${run}@tta.local`, password: "e2e-only-clinician-password", name: "Wren Clinician", role: "clinician" } as const;

const CRISIS = "I want to end my life tonight, I have the pills ready";
const FOLLOW_UP = "I am still here. If you want, write to me at jo.player@example.org";
const TO_PLAYER = "Hi, this is Wren from the care team. I am here with you right now. Are you somewhere safe?";

type Frame = { type: string; [key: string]: unknown };

/** A player's WebSocket client on the gateway: every frame it gets, parsed, in order. */
async function connectPlayer(token: string) {
  const url = `${E2E.gatewayUrl.replace(/^http/, "ws")}/ws/chat`;
  const socket = new WebSocket(url, ["tta.v1"], { headers: { authorization: `Bearer ${token}` } });
  const frames: Frame[] = [];
  socket.on("message", (data, isBinary) => {
    if (!isBinary) frames.push(JSON.parse(data.toString()) as Frame);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("unexpected-response", (_req, res) => reject(new Error(`the upgrade was refused: ${res.statusCode}`)));
    socket.once("error", reject);
  });
  /** The first frame (from index `from` on) that `match` accepts. */
  async function frame(match: (f: Frame) => boolean, what: string, from = 0, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = frames.slice(from).find(match);
      if (found) return found;
      if (socket.readyState !== WebSocket.OPEN) throw new Error(`the player's socket closed while waiting for ${what}; frames: ${JSON.stringify(frames)}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; frames: ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { socket, frames, frame };
}

async function pageAs(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.consoleUrl });
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

test.beforeAll(async () => {
  await ensureUser(clinician);
});

test("a crisis over a WebSocket reaches the clinician live; they follow the session and write to the player, who gets it", async ({ browser }) => {
  test.setTimeout(90_000);

  // The clinician's queue is open and live.
  const page = await pageAs(browser, clinician);
  await page.getByRole("link", { name: "Escalations" }).click();
  await expect(page).toHaveURL(/\/escalations$/);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  // The player connects: the gateway answers with the tta.v1 subprotocol and a new session.
  const player = await connectPlayer(await demoAccessToken("player"));
  expect(player.socket.protocol).toBe("tta.v1");
  const session = await player.frame((f) => f.type === "session", "session frame");
  expect(session).toMatchObject({ recovered: null });
  expect(typeof session.sessionId).toBe("string");
  expect(typeof session.resumeToken).toBe("string");
  expect(player.frames[0]!.type).toBe("session"); // the first frame of every connection

  // A crisis message: not forwarded, the player gets crisis resources naming the event.
  player.socket.send(CRISIS);
  const crisis = await player.frame((f) => f.type === "crisis-resources", "crisis-resources frame");
  const eventId = crisis.eventId as string;
  expect(eventId).toMatch(/^evt_/);
  expect((crisis.resources as unknown[]).length).toBeGreaterThan(0);

  // It appears in the open queue without a reload; the clinician opens it.
  const row = page.getByTestId(`escalation-row-${eventId}`);
  await expect(row).toBeVisible({ timeout: 5_000 });
  await expect(row).toHaveAttribute("data-status", "open");
  await row.getByRole("button", { name: /^Details/ }).click();
  const detail = page.getByTestId("event-detail");
  await expect(detail).toHaveAttribute("data-event-id", eventId);

  // The Live session panel (a WebSocket event, naming the gateway session): Follow, then the
  // player's next message appears, masked.
  const panel = detail.getByTestId("live-session");
  await expect(panel).toContainText(String(session.sessionId));
  await expect(panel).toHaveAttribute("data-status", "idle");
  await panel.getByRole("button", { name: "Follow the live session" }).click();
  await expect(panel).toHaveAttribute("data-status", "live");
  await expect(panel.getByTestId("live-session-status")).toContainText("Following live");

  const sentFrom = player.frames.length;
  player.socket.send(FOLLOW_UP);
  const fromPlayer = panel.locator('[data-testid="live-session-message"][data-direction="in"]');
  await expect(fromPlayer).toHaveCount(1, { timeout: 10_000 });
  await expect(fromPlayer).toContainText("I am still here");
  await expect(fromPlayer).toContainText("[EMAIL]");
  await expect(fromPlayer).not.toContainText("jo.player@example.org");
  await expect(fromPlayer).toContainText("Player");
  expect(player.frames.slice(sentFrom).some((f) => f.type === "refused")).toBe(false);

  // The clinician writes to the player: confirmed in the panel, delivered as a clinician's message.
  const beforeMessage = player.frames.length;
  await panel.getByLabel("Message to the player").fill(TO_PLAYER);
  await panel.getByRole("button", { name: "Send", exact: true }).click();
  await expect(panel.getByTestId("session-message-result")).toContainText("Sent to the player");
  await expect(panel.getByLabel("Message to the player")).toHaveValue("");
  const delivered = await player.frame((f) => f.type === "message" && f.from === "clinician", "message from the clinician", beforeMessage);
  expect(delivered.data).toBe(TO_PLAYER);
  expect(typeof delivered.offset).toBe("number");

  // Both steps are in the event's timeline; Stop ends the follow.
  await expect(detail.getByTestId("event-timeline")).toContainText("Followed the live session");
  await expect(detail.getByTestId("event-timeline")).toContainText(`Sent the player a message (${TO_PLAYER.length} characters)`);
  await expect(detail.getByTestId("event-timeline")).not.toContainText("Are you somewhere safe");
  await panel.getByRole("button", { name: "Stop following the live session" }).click();
  await expect(panel).toHaveAttribute("data-status", "idle");
  await expect(panel.getByRole("button", { name: "Follow the live session" })).toBeVisible();

  // The admin's audit log: who followed and who wrote, with the message's length and never its text.
  const admin = await pageAs(browser, { email: E2E.admin.email, password: E2E.admin.password });
  await admin.goto(`/audit?entityId=${eventId}`);
  const log = admin.getByRole("table", { name: "Audit log" });
  await expect(log.locator('tr[data-action="session.followed"]')).toHaveCount(1);
  await expect(log.locator('tr[data-action="session.message_sent"]')).toHaveCount(1);
  await expect(log.locator('tr[data-action="session.message_sent"]')).toContainText(clinician.email);
  await log.locator('tr[data-action="session.message_sent"]').getByRole("button", { name: /^Changes/ }).click();
  const changes = admin.getByRole("table", { name: "Changes of session.message_sent" });
  await expect(changes).toContainText(String(TO_PLAYER.length));
  await expect(changes).toContainText(String(session.sessionId));
  await expect(changes).not.toContainText("care team");

  player.socket.close(1000);
  await Promise.all([admin, page].map((p) => p.context().close()));
});

test("the follow route refuses a signed-in user without the clinician role, and a request from another site", async ({ browser }) => {
  const admin = await pageAs(browser, { email: E2E.admin.email, password: E2E.admin.password });
  const path = "/api/escalations/evt_0000000000000000000000/follow";
  const asAdmin = await admin.request.get(path, { headers: { "sec-fetch-site": "same-origin" } });
  expect(asAdmin.status()).toBe(403);
  expect((await asAdmin.json()).error.code).toBe("CONSOLE_ROLE_REQUIRED");
  const crossSite = await admin.request.get(path, { headers: { "sec-fetch-site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error.code).toBe("CONSOLE_FORBIDDEN_ORIGIN");
  const signedOut = await fetch(`${E2E.consoleUrl}${path}`);
  expect(signedOut.status).toBe(401);
  await admin.context().close();
});
