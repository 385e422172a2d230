// GET /api/escalations/{id}/follow: a clinician follows the live WebSocket session behind an
// escalation (text/event-stream, see server/live-session/follow-stream.ts). A GET that writes an
// audit row, so it is held to the rule of state-changing requests: from a console page only
// (src/security/same-origin.ts; proxy.ts checks GETs for nothing).
import { NotFoundError } from "@tta/db";
import { errorBody, newId, ZEventId, type ErrorCode } from "@tta/domain";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { checkSameOrigin, isSessionCookieName } from "@/security/same-origin";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { openFollowStream } from "@/server/live-session/follow-stream";
import { getLiveSource } from "@/server/live/get-live-source";
import { ownOrigin } from "@/server/own-origin";

export const dynamic = "force-dynamic";

const refuse = (code: ErrorCode, status: number, correlationId: string, message?: string) => NextResponse.json(errorBody(code, correlationId, message), { status });

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const correlationId = newId("request");
  const origin = checkSameOrigin(
    {
      method: "POST", // see the top of the file
      origin: req.headers.get("origin"),
      secFetchSite: req.headers.get("sec-fetch-site"),
      hasSessionCookie: req.cookies.getAll().some((c) => isSessionCookieName(c.name)),
    },
    ownOrigin(req.nextUrl.origin),
  );
  if (!origin.ok) return refuse("CONSOLE_FORBIDDEN_ORIGIN", 403, correlationId, origin.reason);
  const user = await getSessionUser();
  if (!user) return refuse("CONSOLE_AUTH_REQUIRED", 401, correlationId);
  if (!user.roles.includes("clinician")) return refuse("CONSOLE_ROLE_REQUIRED", 403, correlationId, "Following a live session needs the clinician role.");
  const id = ZEventId.safeParse((await params).id);
  if (!id.success) return refuse("CONSOLE_VALIDATION", 400, correlationId, "Not an event id (evt_…).");
  try {
    return await openFollowStream({
      db: getDb(),
      access: { live: getLiveSource(), urls: env.GATEWAY_ADMIN_URLS, token: env.GATEWAY_ADMIN_TOKEN },
      actor: { id: user.id, label: user.email },
      eventId: id.data,
      correlationId,
      signal: req.signal,
    });
  } catch (error) {
    if (error instanceof NotFoundError) return refuse("CONSOLE_NOT_FOUND", 404, correlationId, error.message);
    console.error(`[follow] ${id.data} failed, correlation id ${correlationId}:`, error);
    return refuse("CONSOLE_INTERNAL", 500, correlationId);
  }
}
