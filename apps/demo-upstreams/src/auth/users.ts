// The demo auth service's users: sign in with a name, no password (a demo, never production).
// Roles and permissions are what the seeded routes ask for.
export interface DemoUser {
  sub: string;
  roles: string[];
  permissions: string[];
  /** Therapeutic clearance (tta_clearance). */
  clearance?: string;
  /** A therapeutic session in progress (tta_session): the gateway's therapeutic rate-limit multiplier applies. */
  session?: string;
}

export const DEMO_USERS: Readonly<Record<string, DemoUser>> = {
  player: { sub: "usr_demo_player", roles: ["player"], permissions: ["players:read", "sessions:read", "sessions:write", "chat:write", "narrative:read"], session: "ses_demo_1" },
  clinician: { sub: "usr_demo_clinician", roles: ["clinician"], permissions: ["players:read", "sessions:read", "agents:read", "events:read", "events:ack"], clearance: "clinical" },
  admin: { sub: "usr_demo_admin", roles: ["admin", "clinician"], permissions: ["players:read", "sessions:read", "agents:read", "events:read", "events:ack"], clearance: "clinical" },
};
