// The console process's one escalation feed (one LISTEN connection, whatever the number of open
// queues). Kept on globalThis so that dev-mode reloads reuse it instead of opening another.
import { env } from "../../env.ts";
import { createEscalationFeed, type EscalationFeed } from "./escalation-feed.ts";

const holder = globalThis as typeof globalThis & { __ttaEscalationFeed?: EscalationFeed };

export function getEscalationFeed(): EscalationFeed {
  holder.__ttaEscalationFeed ??= createEscalationFeed({ databaseUrl: env.DATABASE_URL });
  return holder.__ttaEscalationFeed;
}
