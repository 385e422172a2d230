// Opens `count` connections, `batch` handshakes at a time (a burst of 10,000 SYNs overflows the
// listen backlog), keeping those that opened and the first error of those that did not.
export async function openInBatches<T>(count: number, batch: number, open: () => Promise<T>): Promise<{ held: T[]; failed: number; firstError: string }> {
  const held: T[] = [];
  let failed = 0;
  let firstError = "";
  for (let i = 0; i < count; i += batch) {
    const results = await Promise.allSettled(Array.from({ length: Math.min(batch, count - i) }, open));
    for (const r of results) {
      if (r.status === "fulfilled") held.push(r.value);
      else {
        failed++;
        firstError ||= String((r.reason as Error | undefined)?.message ?? r.reason);
      }
    }
  }
  return { held, failed, firstError };
}
