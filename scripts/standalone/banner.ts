// The lines `npm start` prints once everything answers. The password is printed only when this
// start created the admin with it: after a change in the console, an older one would be wrong.
export interface BannerInput {
  host: string;
  ports: { gateway: number; admin: number; postgres: number };
  /** The gateway's HTTPS port when GATEWAY_TLS_CERT_FILE is set; null = plain HTTP only. */
  httpsPort?: number | null;
  consoleUrl: string | null; // null: skipped
  admin: { email: string; password: string };
  adminCreated: boolean;
  credentialsFile: string | null; // where the generated password was kept; null when it came from TTA_ADMIN_PASSWORD
  database: { embedded: true; dataDir: string } | { embedded: false };
}

export function signInLine(input: Pick<BannerInput, "admin" | "adminCreated" | "credentialsFile">): string {
  const { admin } = input;
  if (input.adminCreated) return `${admin.email} / ${admin.password}`;
  if (input.credentialsFile) return `${admin.email} / (set on an earlier start; see ${input.credentialsFile} if unchanged since)`;
  return `${admin.email} / (this database already had an admin; its password is unchanged)`;
}

export function banner(input: BannerInput): string {
  const { host, ports } = input;
  return `
TTA Gateway is up (standalone).
  Gateway    http://${host}:${ports.gateway}      (routes under /api/…; see README "Call a protected route")${input.httpsPort ? `
  HTTPS      https://${host}:${input.httpsPort}     (HTTP/1.1 and HTTP/2; see README "HTTPS")` : ""}
  Admin API  http://${host}:${ports.admin}/readyz
  Console    ${input.consoleUrl ?? "(not started: TTA_SKIP_CONSOLE=1)"}
  Sign in    ${signInLine(input)}
  Database   ${input.database.embedded ? `embedded PostgreSQL on port ${ports.postgres}, data in ${input.database.dataDir}` : "DATABASE_URL"}
Press Ctrl-C to stop.`;
}
