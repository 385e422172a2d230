// The embedded PostgreSQL's own process (see embedded-db.ts): TTA_DATA_DIR and EMBEDDED_PG_PORT
// from the supervisor. Stops Postgres on SIGTERM/SIGINT, and when the supervisor is gone (its IPC
// channel closes), so a killed supervisor does not leave Postgres running.
import { startEmbeddedDb } from "./embedded-db.ts";

const dataDir = process.env.TTA_DATA_DIR;
const port = Number(process.env.EMBEDDED_PG_PORT);
if (!dataDir || !Number.isInteger(port)) throw new Error("TTA_DATA_DIR and EMBEDDED_PG_PORT are required");

const db = await startEmbeddedDb(dataDir, port);
console.log(`ready on port ${port}`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  db.stop().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`stopping PostgreSQL failed: ${error.message}`);
      process.exit(1);
    },
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
