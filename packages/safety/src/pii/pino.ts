// Plugs masking into pino without depending on it: spread into the pino options.
//   pino({ ...pinoMasking(), level, base })
// pino runs `formatters.log` on the merged object first (it masks it, and turns an Error into a
// plain masked object), then the serializers: ours for `err` keeps that object as it is (pino's
// default would rename its type). `formatters.bindings` masks `base`; `hooks.logMethod` masks the
// message and its interpolation values. pino does not format child bindings: pass
// `logger.child(maskForLog(bindings))` if they can hold PII (ids and correlation ids cannot).
import { maskForLog } from "./mask-for-log.ts";
import { maskPii } from "./mask-text.ts";

type LogMethod = (...args: unknown[]) => void;

export interface PinoMaskingOptions {
  formatters: {
    log(object: Record<string, unknown>): Record<string, unknown>;
    bindings(bindings: Record<string, unknown>): Record<string, unknown>;
  };
  serializers: { err(value: unknown): unknown };
  hooks: { logMethod(this: unknown, args: unknown[], method: LogMethod, level: number): void };
}

export function pinoMasking(): PinoMaskingOptions {
  const maskRecord = (o: Record<string, unknown>) => maskForLog(o) as Record<string, unknown>;
  return {
    formatters: { log: maskRecord, bindings: maskRecord },
    serializers: { err: piiSerializer },
    hooks: {
      logMethod(args, method) {
        // A first-argument object goes through formatters.log; interpolation values do not.
        method.apply(this, args.map((a, i) => (typeof a === "string" ? maskPii(a) : i > 0 && typeof a === "object" && a !== null ? maskForLog(a) : a)));
      },
    },
  };
}

/** A pino serializer (e.g. `serializers: { body: piiSerializer }`) for values logged under a key. */
export function piiSerializer(value: unknown): unknown {
  return maskForLog(value);
}
