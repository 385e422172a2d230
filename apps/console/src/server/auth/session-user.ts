// Who is calling: the signed-in console user as the API sees them. Loaded from the database on
// every request, so that disabling a user or changing their roles takes effect at once, whatever
// their session token still says.
import type { Db } from "@tta/db";
import type { TRole } from "@tta/domain";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  roles: TRole[];
}

export async function loadActiveUser(db: Db, id: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { id }, select: { id: true, name: true, email: true, roles: true, disabled: true } });
  if (!user || user.disabled) return null;
  return { id: user.id, name: user.name, email: user.email, roles: user.roles };
}
