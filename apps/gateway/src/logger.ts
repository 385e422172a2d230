// The gateway's structured logger. Requests are not logged at info; config changes, refusals and
// errors are, one line each. Header values that can carry credentials are redacted.
import { pino, type Logger } from "pino";

export type { Logger } from "pino";

export function createLogger(options: { level: string; instanceId: string }): Logger {
  return pino({
    level: options.level,
    base: { service: "tta-gateway", instanceId: options.instanceId },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["*.headers.authorization", "*.headers.cookie", "*.headers[\"proxy-authorization\"]"], censor: "[redacted]" },
  });
}
