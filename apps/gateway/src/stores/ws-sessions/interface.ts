// WebSocket sessions (websocket/PROTOCOL.md): who a session belongs to, its rooms, and the frames
// sent to its client, kept in order under increasing integer offsets so that a client that comes
// back, to any gateway, gets what it missed. Redis (session:{id} and its stream) or in-process.

export interface SessionRecord {
  readonly id: string;
  /** The verified user, null on a public route. */
  readonly userId: string | null;
  /** "user:…" or "ip:…": who may resume it. */
  readonly subject: string;
  readonly route: string;
  /** Changes when the session is created again: offsets of another epoch are not recoverable. */
  readonly epoch: string;
  /** sha256 of the resume token's secret part (base64url). */
  readonly tokenHash: string;
  rooms: string[];
  /** An open crisis event of this session: its recovery window is longer. */
  crisisEventId: string | null;
  /** The gateway holding the session's upstream leg, null when none does. */
  owner: string | null;
  readonly createdAt: number;
}

export interface StoredFrame {
  readonly offset: number;
  /** ms since the epoch, when it was kept. */
  readonly at: number;
  /** The envelope without its offset: a JSON object's text. */
  readonly body: string;
}

export interface Replay {
  frames: StoredFrame[];
  /** Every frame after the asked offset is in `frames`. */
  complete: boolean;
  /** The session's last offset (0: nothing sent yet). */
  last: number;
}

export interface FrameLimits {
  /** Frames kept per session; older ones are dropped. */
  maxFrames: number;
  /** How long the session and its frames live after the last append or touch. */
  ttlMs: number;
}

/** A frame its holder numbered, to keep under that offset. */
export interface FrameToKeep {
  readonly sessionId: string;
  readonly offset: number;
  readonly body: string;
  readonly limits: FrameLimits;
}

export interface SessionStore {
  readonly kind: "redis" | "local";
  create(record: SessionRecord, ttlMs: number): Promise<void>;
  get(id: string): Promise<SessionRecord | null>;
  update(id: string, patch: Partial<Pick<SessionRecord, "rooms" | "crisisEventId" | "owner">>, ttlMs: number): Promise<void>;
  /** Keeps a frame under the next offset (1, 2, 3… per session); resolves with it. For a session nobody holds. */
  append(id: string, body: string, limits: FrameLimits): Promise<number>;
  /**
   * Keeps frames under offsets their holder chose (the gateway holding a session numbers its frames
   * itself and sends them at once), in one round trip, in order: a room broadcast keeps one per
   * member. Each answer says whether its frame was kept; false when its offset was not above the
   * last one kept for its session.
   */
  keep(frames: readonly FrameToKeep[]): Promise<boolean[]>;
  /** Frames after `offset` no older than `maxAgeMs`, and whether that is all of them. */
  after(id: string, offset: number, maxAgeMs: number): Promise<Replay>;
}

/** The frame as the client gets it: the stored body with its offset first. */
export function frameText(frame: Pick<StoredFrame, "offset" | "body">): string {
  return `{"offset":${frame.offset},${frame.body.slice(1)}`;
}

/** Completeness of a replay after `offset` given what is kept (frames in offset order). */
export function replayOf(offset: number, last: number, kept: readonly StoredFrame[], oldestAllowed: number): Replay {
  const frames = kept.filter((f) => f.offset > offset && f.at >= oldestAllowed);
  if (offset > last) return { frames: [], complete: false, last }; // an offset this session never gave
  // Complete: every offset from offset + 1 to last is there (a frame that could not be kept leaves a hole).
  const complete = frames.length === last - offset && frames.every((f, i) => f.offset === offset + 1 + i);
  return { frames, complete, last };
}
