// The signed-in user for server components and route handlers: the session cookie says who, the
// database says whether they are still active and what roles they hold now.
import { getServerSession } from "next-auth";
import { getDb } from "../db.ts";
import { authOptions } from "./options.ts";
import { loadActiveUser, type SessionUser } from "./session-user.ts";

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return loadActiveUser(getDb(), session.user.id);
}
