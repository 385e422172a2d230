// The service registry: instances register, heartbeat within their TTL and deregister; the
// gateway lists the live ones per service. Redis in cluster mode, in-process when standalone.
export interface RegisteredInstance {
  /** ins_…, derived from service + url: registering the same instance again is idempotent. */
  id: string;
  service: string;
  url: string;
  weight: number;
  metadata: Record<string, string>;
  /** The instance is dropped when no heartbeat arrives for this long. */
  ttlMs: number;
  registeredAt: number; // epoch ms
}

export type RegistrationInput = Omit<RegisteredInstance, "id" | "registeredAt">;

export interface ServiceRegistry {
  readonly kind: "redis" | "local";
  register(input: RegistrationInput): Promise<RegisteredInstance>;
  /** Extends the TTL; false when the instance is unknown or expired (it must register again). */
  heartbeat(service: string, id: string): Promise<boolean>;
  /** false when there was nothing to remove. */
  deregister(service: string, id: string): Promise<boolean>;
  /** The live instances of a service (heartbeat within the TTL), in id order. */
  list(service: string): Promise<RegisteredInstance[]>;
}
