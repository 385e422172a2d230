// Why a clinician could not follow or message an event's live session: a stable code (the follow
// stream's `problem` event carries it; the tRPC procedure maps it to its error code) and a message
// a clinician can act on.
import type { TLiveSessionProblem } from "@tta/domain";

export type LiveSessionProblemCode = TLiveSessionProblem["code"];

export class LiveSessionError extends Error {
  override name = "LiveSessionError";

  constructor(
    readonly code: LiveSessionProblemCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toProblem(): TLiveSessionProblem {
    return { code: this.code, message: this.message };
  }
}
