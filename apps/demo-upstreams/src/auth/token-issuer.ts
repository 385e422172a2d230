// Real tokens for the demo: ES256 access tokens signed with a key pair made at start (never written
// anywhere; a restart invalidates every token), a JWKS with the public half, and opaque refresh
// tokens that rotate: each works once; using one twice revokes its whole family (RFC 9700 §4.14).
import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { SignJWT, type JWK } from "jose";
import { DEMO_USERS, type DemoUser } from "./users.ts";

export interface TokenIssuerOptions {
  issuer: string;
  audience: string;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  now?: () => number;
}

export interface TokenPair {
  tokenType: "Bearer";
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

interface RefreshEntry {
  username: string;
  family: string;
  expiresAt: number;
  used: boolean;
}

export type RefreshResult = { ok: true; pair: TokenPair } | { ok: false; reason: "unknown" | "expired" | "reused" };

export class TokenIssuer {
  readonly kid = `demo-${randomBytes(6).toString("hex")}`;
  private readonly privateKey: KeyObject;
  private readonly publicJwk: JWK;
  private readonly refresh = new Map<string, RefreshEntry>();
  private readonly accessTtl: number;
  private readonly refreshTtl: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenIssuerOptions) {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = pair.privateKey;
    this.publicJwk = { ...(pair.publicKey.export({ format: "jwk" }) as JWK), kid: this.kid, alg: "ES256", use: "sig" };
    this.accessTtl = options.accessTtlSeconds ?? 300;
    this.refreshTtl = options.refreshTtlSeconds ?? 8 * 3600;
    this.now = options.now ?? Date.now;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** null for a name that is not a demo user. */
  async login(username: string): Promise<TokenPair | null> {
    if (!Object.hasOwn(DEMO_USERS, username)) return null;
    return this.issue(username, randomBytes(8).toString("hex"));
  }

  async refreshPair(token: string): Promise<RefreshResult> {
    const entry = this.refresh.get(token);
    if (!entry) return { ok: false, reason: "unknown" };
    if (entry.used) {
      for (const [t, e] of this.refresh) if (e.family === entry.family) this.refresh.delete(t);
      return { ok: false, reason: "reused" };
    }
    if (this.now() >= entry.expiresAt) {
      this.refresh.delete(token);
      return { ok: false, reason: "expired" };
    }
    entry.used = true;
    return { ok: true, pair: await this.issue(entry.username, entry.family) };
  }

  /** Ends a sign-in: every refresh token of its family stops working. */
  logout(token: string): void {
    const entry = this.refresh.get(token);
    if (entry) for (const [t, e] of this.refresh) if (e.family === entry.family) this.refresh.delete(t);
  }

  private async issue(username: string, family: string): Promise<TokenPair> {
    const user: DemoUser = DEMO_USERS[username]!;
    const nowS = Math.floor(this.now() / 1000);
    const accessToken = await new SignJWT({
      roles: user.roles,
      permissions: user.permissions,
      ...(user.clearance ? { tta_clearance: user.clearance } : {}),
      ...(user.session ? { tta_session: user.session } : {}),
      name: username,
    })
      .setProtectedHeader({ alg: "ES256", kid: this.kid, typ: "at+jwt" })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(user.sub)
      .setIssuedAt(nowS)
      .setExpirationTime(nowS + this.accessTtl)
      .setJti(randomBytes(8).toString("hex"))
      .sign(this.privateKey);
    const refreshToken = randomBytes(32).toString("base64url");
    this.sweep();
    this.refresh.set(refreshToken, { username, family, expiresAt: this.now() + this.refreshTtl * 1000, used: false });
    return { tokenType: "Bearer", accessToken, expiresIn: this.accessTtl, refreshToken, refreshExpiresIn: this.refreshTtl };
  }

  private sweep(): void {
    const now = this.now();
    for (const [t, e] of this.refresh) if (now >= e.expiresAt) this.refresh.delete(t);
  }
}
