// For tests: a real pino logger whose lines are kept in memory as parsed objects.
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";

export interface CapturedLogger {
  logger: Logger;
  lines: Array<Record<string, unknown> & { msg?: string; level: number }>;
  messages(msg: string): Array<Record<string, unknown>>;
}

export function captureLogger(level: pino.LevelWithSilent = "debug"): CapturedLogger {
  const lines: CapturedLogger["lines"] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      callback();
    },
  });
  const logger = pino({ level }, stream);
  return { logger, lines, messages: (msg) => lines.filter((l) => l.msg === msg) };
}
