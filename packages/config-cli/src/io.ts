// What a command may touch: its output streams and environment (given, so tests run commands in
// process), and the one database connection, opened only by commands that need it.
import { createDb, type Db } from "@tta/db";
import { CliError } from "./cli-error.ts";

export interface Io {
  env: Record<string, string | undefined>;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** --json: one JSON document on stdout instead of text. */
  json: boolean;
}

export async function withDb<T>(io: Io, work: (db: Db) => Promise<T>): Promise<T> {
  const url = io.env.DATABASE_URL;
  if (!url) throw new CliError("DATABASE_URL is not set: point it at the gateway's PostgreSQL database (validate alone works without it).");
  const db = createDb(url, { max: 2, connectionTimeoutMs: 10_000 });
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}
