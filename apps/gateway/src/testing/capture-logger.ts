// For tests: a real pino logger whose lines are kept in memory as parsed objects.
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import { createLogger } from "../logger.ts";

export interface CapturedLogger {
  logger: Logger;
  lines: Array<Record<string, unknown> & { msg?: string; level: number }>;
  messages(msg: string): Array<Record<string, unknown>>;
  /** Every line as it was written (what a log shipper would read). */
  raw: string[];
}

function capture(make: (stream: Writable) => Logger): CapturedLogger {
  const lines: CapturedLogger["lines"] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n")) {
        if (!line) continue;
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      callback();
    },
  });
  return { logger: make(stream), lines, raw, messages: (msg) => lines.filter((l) => l.msg === msg) };
}

export function captureLogger(level: pino.LevelWithSilent = "debug"): CapturedLogger {
  return capture((stream) => pino({ level }, stream));
}

/** The gateway's own logger (PII masking, redaction), writing to memory. */
export function captureGatewayLogger(level: pino.LevelWithSilent = "debug", instanceId = "gw-test"): CapturedLogger {
  return capture((stream) => createLogger({ level, instanceId, destination: stream }));
}
