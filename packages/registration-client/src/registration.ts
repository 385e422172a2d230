// The AutoRegistrationService: registers one instance with a gateway's registration API, keeps it
// alive with heartbeats, registers it again when the gateway has forgotten it (the gateway
// restarted, Redis was flushed, a long pause outlived the TTL), and deregisters it on stop().
// Failures never throw into the service: they are logged and retried with full-jitter backoff.
import { callRegistry, type AdminAnswer, type AdminCall } from "./admin-api.ts";
import { backoffDelay, sleep, type BackoffOptions } from "./backoff.ts";

export interface RegistrationLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface RegistrationOptions {
  /** The gateway's admin base URL, e.g. http://gateway-1:8081. */
  adminUrl: string;
  /** GATEWAY_REGISTRATION_TOKEN. Sent as a Bearer header, never logged. */
  token: string;
  service: string;
  /** This instance's URL as the gateway reaches it. */
  url: string;
  weight?: number;
  metadata?: Record<string, string>;
  /** The gateway forgets the instance this long after its last heartbeat (default 30). */
  ttlSeconds?: number;
  log?: RegistrationLog;
  backoff?: BackoffOptions;
  /** Each call to the gateway gives up after this long (default 5000 ms). */
  requestTimeoutMs?: number;
}

export type RegistrationState = "registering" | "registered" | "failed" | "stopped";

export interface Registration {
  /** "failed" only for a refusal that retrying cannot fix (bad body, wrong token). */
  readonly state: RegistrationState;
  /** The id the gateway gave this instance, while registered. */
  readonly instanceId: string | null;
  /** Resolves on the first successful registration; rejects if it failed for good or stop() came first. */
  readonly ready: Promise<void>;
  /** Stops heartbeating and deregisters, waiting at most timeoutMs (default 3000) for the gateway. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

const consoleLog: RegistrationLog = {
  info: (m, f) => console.log(`registration: ${m}`, f ?? ""),
  warn: (m, f) => console.warn(`registration: ${m}`, f ?? ""),
  error: (m, f) => console.error(`registration: ${m}`, f ?? ""),
};

function describe(answer: Exclude<AdminAnswer, { ok: true }>): string {
  return "reason" in answer ? answer.reason : `${answer.status} ${answer.code}`;
}

export function startRegistration(options: RegistrationOptions): Registration {
  const log = options.log ?? consoleLog;
  const ttlSeconds = options.ttlSeconds ?? 30;
  const abort = new AbortController();
  const call: AdminCall = { adminUrl: options.adminUrl, token: options.token, timeoutMs: options.requestTimeoutMs ?? 5_000, signal: abort.signal };
  const who = { service: options.service, url: options.url, adminUrl: options.adminUrl };
  let state: RegistrationState = "registering";
  let instanceId: string | null = null;
  let intervalMs = Math.max(1, Math.floor(ttlSeconds / 3)) * 1000;
  let settle!: { resolve(): void; reject(e: Error): void };
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => {}); // a caller that never awaits ready must not see an unhandled rejection

  /** Registers until it works; false when stopped or refused for good. */
  async function register(): Promise<boolean> {
    state = "registering";
    instanceId = null;
    for (let attempt = 0; !abort.signal.aborted; attempt++) {
      const answer = await callRegistry("POST", { service: options.service, url: options.url, weight: options.weight, metadata: options.metadata, ttlSeconds }, call);
      if (answer.ok) {
        instanceId = String(answer.body.instanceId);
        const beat = Number(answer.body.heartbeatIntervalSeconds);
        if (Number.isFinite(beat) && beat > 0) intervalMs = beat * 1000;
        state = "registered";
        log.info("registered", { ...who, instanceId, routed: answer.body.routed, attempts: attempt + 1 });
        settle.resolve();
        return true;
      }
      if (abort.signal.aborted) return false;
      if (!answer.retryable) {
        state = "failed";
        log.error("the gateway refused the registration; not retrying", { ...who, status: answer.status, code: answer.code });
        settle.reject(new Error(`registration refused: ${answer.status} ${answer.code}`));
        return false;
      }
      const delay = backoffDelay(attempt, options.backoff);
      log.warn("registration failed; retrying", { ...who, reason: describe(answer), attempt: attempt + 1, retryInMs: delay });
      if (!(await sleep(delay, abort.signal))) return false;
    }
    return false;
  }

  async function run(): Promise<void> {
    if (!(await register())) return;
    let failures = 0;
    while (await sleep(failures === 0 ? intervalMs : Math.min(intervalMs, backoffDelay(failures, options.backoff)), abort.signal)) {
      const answer = await callRegistry("PUT", { service: options.service, instanceId }, call);
      if (answer.ok) {
        failures = 0;
        continue;
      }
      if (abort.signal.aborted) return;
      if (answer.status === 404) {
        log.warn("the gateway no longer knows this instance; registering again", { ...who, instanceId });
        if (!(await register())) return;
        continue;
      }
      failures++;
      log.warn("heartbeat failed; retrying", { ...who, instanceId, reason: describe(answer), failures });
    }
  }

  const loop = run().catch((error: unknown) => log.error("registration loop crashed", { ...who, err: String(error) }));
  let stopping: Promise<void> | null = null;

  return {
    get state() {
      return state;
    },
    get instanceId() {
      return instanceId;
    },
    ready,
    stop({ timeoutMs = 3_000 } = {}) {
      stopping ??= (async () => {
        abort.abort();
        await loop;
        settle.reject(new Error("registration stopped"));
        const id = instanceId;
        instanceId = null;
        if (id !== null) {
          const answer = await callRegistry("DELETE", { service: options.service, instanceId: id }, { ...call, signal: undefined, timeoutMs });
          if (answer.ok || answer.status === 404) log.info("deregistered", { ...who, instanceId: id });
          else log.warn("deregistration failed; the gateway drops the instance when its TTL runs out", { ...who, instanceId: id, reason: describe(answer) });
        }
        state = "stopped";
      })();
      return stopping;
    },
  };
}
