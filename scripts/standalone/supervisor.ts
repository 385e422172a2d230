// Keeps one child process running: when it dies it is restarted after a backoff (restart-policy.ts),
// each restart logged with the exit code and counted; a child that keeps dying very fast is given
// up on, said clearly, and the rest of the product stays up. Only stop() ends it for good.
import { describeExit, startChild, stopChild, type Child, type ChildSpec } from "./children.ts";
import { createRestartTracker, DEFAULT_RESTART_POLICY, type RestartPolicy } from "./restart-policy.ts";

export interface Supervised {
  readonly name: string;
  /** The current run (a new Child after each restart). */
  readonly child: Child;
  readonly restarts: number;
  readonly gaveUp: boolean;
  stop(graceMs?: number): Promise<void>;
}

export interface SuperviseOptions {
  policy?: RestartPolicy;
  log?: (line: string) => void;
  now?: () => number;
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);

export function supervise(spec: ChildSpec, options: SuperviseOptions = {}): Supervised {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  const log = options.log ?? ((line: string) => console.error(line));
  const now = options.now ?? Date.now;
  const tracker = createRestartTracker(policy);
  let child: Child;
  let stopped = false;
  let gaveUp = false;
  let timer: NodeJS.Timeout | undefined;

  const run = () => {
    const started = now();
    const current = startChild(spec);
    child = current;
    void current.exited.then((exit) => {
      if (stopped || child !== current) return;
      const decision = tracker.exited(now() - started);
      if (decision.action === "give-up") {
        gaveUp = true;
        log(`${spec.name} keeps dying (${describeExit(exit)}; ${decision.fastExits} times in a row within ${seconds(policy.stableMs)} of starting): not restarting it again. The rest stays up; Ctrl-C stops everything.`);
        return;
      }
      log(`restarting ${spec.name} (${describeExit(exit)}, restart #${decision.restart} in ${seconds(decision.delayMs)})`);
      timer = setTimeout(run, decision.delayMs);
    });
  };
  run();

  return {
    name: spec.name,
    get child() {
      return child;
    },
    get restarts() {
      return tracker.restarts;
    },
    get gaveUp() {
      return gaveUp;
    },
    async stop(graceMs) {
      stopped = true;
      clearTimeout(timer);
      await stopChild(child, graceMs);
    },
  };
}

/** Stops group after group (each group's members together): dependants before what they depend on. */
export async function stopInOrder(groups: { name: string; stop(): Promise<void> }[][], log: (line: string) => void = console.error): Promise<void> {
  for (const group of groups) {
    await Promise.all(group.map((s) => s.stop().catch((error: Error) => log(`stopping ${s.name} failed: ${error.message}`))));
  }
}
