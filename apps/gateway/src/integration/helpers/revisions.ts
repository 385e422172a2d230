// Writes config_revisions rows directly, bypassing publish(): for corrupted or un-notified
// revisions that the console would never produce.
import { CHANNELS, newId, snapshotChecksum } from "@tta/domain";
import pg from "pg";

export async function insertRawRevision(
  databaseUrl: string,
  row: { snapshot: unknown; checksum?: string; notify?: boolean; message?: string },
): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    const inserted = await client.query<{ number: number }>(
      `insert into config_revisions (id, snapshot, checksum, message) values ($1, $2::jsonb, $3, $4) returning number`,
      [newId("revision"), JSON.stringify(row.snapshot), row.checksum ?? snapshotChecksum(row.snapshot), row.message ?? "raw insert"],
    );
    const number = inserted.rows[0]!.number;
    if (row.notify !== false) await client.query("select pg_notify($1, $2)", [CHANNELS.configRevision, String(number)]);
    await client.query("commit");
    return number;
  } finally {
    await client.end();
  }
}
