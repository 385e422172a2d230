// Graceful deregistration on SIGTERM/SIGINT: the gateways stop routing to this instance before it
// goes away, instead of failing requests until its TTL runs out. Then the process exits.
import type { Registration } from "./registration.ts";

export interface ShutdownOptions {
  signals?: NodeJS.Signals[];
  /** Runs after deregistering (close servers, flush logs); the process exits when it settles. */
  beforeExit?: () => Promise<unknown> | unknown;
  /** Default process.exit; injectable for tests. */
  exit?: (code: number) => void;
}

/** Returns a function that removes the handlers again. */
export function installShutdown(registrations: Registration | Registration[], options: ShutdownOptions = {}): () => void {
  const all = Array.isArray(registrations) ? registrations : [registrations];
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const onSignal = () => {
    if (started) return;
    started = true;
    void Promise.allSettled(all.map((r) => r.stop()))
      .then(() => options.beforeExit?.())
      .then(
        () => exit(0),
        () => exit(1),
      );
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}
