// The WebSocket manager's limits and windows; defaults in env.ts (WS_*).
import { DEFAULTS } from "../env.ts";

export interface WsSettings {
  /** Largest client message; more closes the connection with 1009. */
  maxMessageBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** Open connections per user (or IP on public routes). */
  maxConnectionsPerSubject: number;
  /** The client's send buffer plus the frames waiting for it; beyond it the client is closed with 1013. */
  maxBufferedBytes: number;
  /** How long a session can be resumed (and its upstream leg waits) after its client went away. */
  resumeWindowMs: number;
  /** The same for a session with an open crisis event. */
  crisisResumeWindowMs: number;
  /** Frames kept per session for resume. */
  maxFrames: number;
  pingIntervalMs: number;
  /** A connection with no message either way for this long is closed (1001). */
  idleTimeoutMs: number;
  /** How long a resume (or a clinician's message) waits for the gateway holding the session. */
  takeoverWaitMs: number;
  /** Connect timeout of the upstream leg. */
  connectTimeoutMs: number;
}

export const WS_DEFAULTS: WsSettings = Object.freeze({
  maxMessageBytes: DEFAULTS.WS_MAX_MESSAGE_BYTES,
  messagesPerSecond: DEFAULTS.WS_MESSAGES_PER_SECOND,
  messageBurst: DEFAULTS.WS_MESSAGE_BURST,
  maxConnectionsPerSubject: DEFAULTS.WS_MAX_CONNECTIONS_PER_USER,
  maxBufferedBytes: DEFAULTS.WS_MAX_BUFFERED_BYTES,
  resumeWindowMs: DEFAULTS.WS_RESUME_WINDOW_MS,
  crisisResumeWindowMs: DEFAULTS.WS_CRISIS_RESUME_WINDOW_MS,
  maxFrames: DEFAULTS.WS_MAX_FRAMES,
  pingIntervalMs: DEFAULTS.WS_PING_INTERVAL_MS,
  idleTimeoutMs: DEFAULTS.WS_IDLE_TIMEOUT_MS,
  takeoverWaitMs: DEFAULTS.WS_TAKEOVER_WAIT_MS,
  connectTimeoutMs: DEFAULTS.WS_CONNECT_TIMEOUT_MS,
});
