// The console's own origin: NEXTAUTH_URL's (the URL browsers use), or, where that is not set
// (development), the origin the request itself was made to.
import { env } from "../env.ts";

export function ownOrigin(requestOrigin: string): string {
  return env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : requestOrigin;
}
