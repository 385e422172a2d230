// Publishing bench configurations to a throw-away database, and waiting until the gateway serves
// them. A large route set is inserted as a revision directly (validated as publish() does): the
// working-table path makes two queries per route, and what is measured is the gateway, not that.
import { newId, validateSnapshot, ZSnapshot } from "@tta/domain";
import { insertRevision, SYSTEM_ACTOR } from "@tta/db";
import type { TestDatabase } from "@tta/db/testing";

export async function publishSnapshot(db: TestDatabase, input: unknown, message: string): Promise<number> {
  const checked = validateSnapshot(ZSnapshot.parse(input)); // parsed first, so later settings get their defaults
  if (!checked.ok) throw new Error(`bench snapshot is not valid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  const revision = await db.db.$transaction(
    (tx) => insertRevision(tx, checked.snapshot, { actor: SYSTEM_ACTOR, message, correlationId: newId("request") }),
    { timeout: 120_000, maxWait: 10_000 },
  );
  return revision.number;
}

/** Polls `url` until it answers `status` (the gateway follows revisions through LISTEN/NOTIFY). */
export async function waitForStatus(url: string, status: number, timeoutMs: number, headers: Record<string, string> = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: number | string = "none";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === status) return;
      last = res.status;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}
