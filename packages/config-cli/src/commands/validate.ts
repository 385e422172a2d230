// validate FILE: offline (no database), every problem as `path: message (line N)`.
import { checkFile } from "../check-file.ts";
import type { Io } from "../io.ts";
import { readInput } from "../read-input.ts";

export async function validateCommand(io: Io, file: string | undefined): Promise<number> {
  const snapshot = checkFile(await readInput(io, file), file!);
  const counts = { services: snapshot.services.length, routes: snapshot.routes.length, rateLimitPolicies: snapshot.rateLimitPolicies.length, authPolicies: snapshot.authPolicies.length };
  if (io.json) io.out(JSON.stringify({ ok: true, counts }));
  else io.out(`${file} is valid: ${counts.services} services, ${counts.routes} routes, ${counts.rateLimitPolicies} rate-limit policies, ${counts.authPolicies} auth policies`);
  return 0;
}
