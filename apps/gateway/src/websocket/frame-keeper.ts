// Frames kept for resume, in batches: the keeps asked during one turn of the event loop (a room
// broadcast asks one per member on this gateway) go to the session store as one call, after the
// frames went out. Whoever reads kept frames or hands a session over flushes first, so the store
// gets every keep before the read that needs it.
import type { Logger } from "pino";
import type { FrameToKeep, SessionStore } from "../stores/ws-sessions/interface.ts";
import type { WsMeters } from "./meters.ts";

/** Frames per store call: a huge room is kept in several calls, so none holds Redis for long. */
const MAX_BATCH = 256;

export class FrameKeeper {
  private pending: FrameToKeep[] = [];
  private scheduled = false;

  constructor(
    private readonly store: SessionStore,
    private readonly meters: WsMeters,
    private readonly log: Logger,
  ) {}

  keep(frame: FrameToKeep): void {
    this.pending.push(frame);
    if (this.scheduled) return;
    this.scheduled = true;
    process.nextTick(() => this.flush()); // after the microtasks queued now: the rest of the room's members
  }

  /** Hands every pending frame to the store now, in the order they were asked. */
  flush(): void {
    this.scheduled = false;
    const frames = this.pending;
    if (frames.length === 0) return;
    this.pending = [];
    for (let i = 0; i < frames.length; i += MAX_BATCH) this.send(frames.slice(i, i + MAX_BATCH));
  }

  private send(batch: FrameToKeep[]): void {
    this.store.keep(batch).then(
      (kept) => {
        const taken = batch.filter((_, i) => !kept[i]);
        if (taken.length === 0) return;
        this.meters.storeFailure(taken.length);
        this.log.warn({ frames: taken.map((f) => ({ sessionId: f.sessionId, offset: f.offset })) }, "websocket frames not kept: their offsets were taken");
      },
      (error: unknown) => {
        this.meters.storeFailure(batch.length);
        this.log.warn({ err: error, frames: batch.length, sessionIds: [...new Set(batch.map((f) => f.sessionId))].slice(0, 10) }, "websocket frames could not be kept for resume");
      },
    );
  }
}
