// Builds the tRPC context of one HTTP request from the Next.js session.
import { getDb } from "../db.ts";
import { getSessionUser } from "../auth/session.ts";
import { getEscalationFeed } from "../live/get-escalation-feed.ts";
import { getLiveSource } from "../live/get-live-source.ts";
import { env } from "../../env.ts";
import type { Context } from "./trpc.ts";

export async function createContext(): Promise<Context> {
  return { db: getDb(), user: await getSessionUser(), live: getLiveSource(), escalations: getEscalationFeed(), gatewayAdmin: { urls: env.GATEWAY_ADMIN_URLS, token: env.GATEWAY_ADMIN_TOKEN } };
}
