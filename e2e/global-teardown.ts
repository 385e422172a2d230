import pg from "pg";
import { E2E } from "./env.ts";

export default async function globalTeardown() {
  const admin = new pg.Client({ connectionString: E2E.serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${E2E.databaseName}" with (force)`);
  } finally {
    await admin.end();
  }
}
