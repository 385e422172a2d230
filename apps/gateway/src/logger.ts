// The gateway's structured logger. Requests are not logged at info; config changes, refusals and
// errors are, one line each. Every line is PII-masked (@tta/safety's pinoMasking: emails, phone
// numbers, card numbers, tokens… in messages, fields and errors); header values that carry
// credentials are redacted.
import { pino, type DestinationStream, type Logger } from "pino";
import { pinoMasking } from "@tta/safety";

export type { Logger } from "pino";

export function createLogger(options: { level: string; instanceId: string; destination?: DestinationStream }): Logger {
  const config = {
    ...pinoMasking(),
    level: options.level,
    base: { service: "tta-gateway", instanceId: options.instanceId },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["*.headers.authorization", "*.headers.cookie", "*.headers[\"proxy-authorization\"]"], censor: "[redacted]" },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
