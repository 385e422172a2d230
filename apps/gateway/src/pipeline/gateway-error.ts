// An error the gateway answers with: a stable code (from @tta/domain), its status, whether a retry
// may help, and the cause that led to it (kept for logs, never sent to the client).
import { ERROR_CODES, type ErrorCode } from "@tta/domain";

export class GatewayError extends Error {
  override name = "GatewayError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERROR_CODES[code].message, options);
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.retryable = ERROR_CODES[code].retryable;
  }
}
