// The in-process twin of the Redis session store: one gateway, no Redis.
import type { FrameLimits, FrameToKeep, Replay, SessionRecord, SessionStore, StoredFrame } from "./interface.ts";
import { replayOf } from "./interface.ts";

interface Entry {
  record: SessionRecord | null;
  frames: StoredFrame[];
  last: number;
  expiresAt: number;
}

export function createLocalSessionStore(now: () => number = Date.now): SessionStore {
  const entries = new Map<string, Entry>();
  const live = (id: string): Entry | undefined => {
    const entry = entries.get(id);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(id);
      return undefined;
    }
    return entry;
  };
  /** The session's entry, made for frames of a session whose record is gone. */
  const held = (id: string): Entry => {
    let entry = live(id);
    if (!entry) entries.set(id, (entry = { record: null, frames: [], last: 0, expiresAt: 0 }));
    return entry;
  };
  const push = (entry: Entry, offset: number, body: string, limits: FrameLimits) => {
    entry.last = offset;
    entry.frames.push({ offset, at: now(), body });
    if (entry.frames.length > limits.maxFrames) entry.frames.splice(0, entry.frames.length - limits.maxFrames);
    entry.expiresAt = now() + limits.ttlMs;
  };
  const sweep = setInterval(() => {
    for (const id of entries.keys()) live(id);
  }, 60_000);
  sweep.unref();
  return {
    kind: "local",
    async create(record, ttlMs) {
      entries.set(record.id, { record: structuredClone(record), frames: [], last: 0, expiresAt: now() + ttlMs });
    },
    async get(id) {
      const record = live(id)?.record;
      return record ? structuredClone(record) : null;
    },
    async update(id, patch, ttlMs) {
      const entry = live(id);
      if (!entry?.record) return;
      entry.record = { ...entry.record, ...structuredClone(patch) };
      entry.expiresAt = now() + ttlMs;
    },
    async append(id, body, limits: FrameLimits) {
      const entry = held(id);
      const offset = entry.last + 1;
      push(entry, offset, body, limits);
      return offset;
    },
    async keep(frames: readonly FrameToKeep[]) {
      return frames.map(({ sessionId, offset, body, limits }) => {
        const entry = held(sessionId);
        if (offset <= entry.last) return false;
        push(entry, offset, body, limits);
        return true;
      });
    },
    async after(id, offset, maxAgeMs): Promise<Replay> {
      const entry = live(id);
      return replayOf(offset, entry?.last ?? 0, entry?.frames ?? [], now() - maxAgeMs);
    },
  };
}
