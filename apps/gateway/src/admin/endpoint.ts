import type { IncomingMessage, ServerResponse } from "node:http";

/** One admin endpoint at an exact path, or every path under it when it ends in "/*". The admin server answers 405 for other methods. */
export interface AdminEndpoint {
  path: string;
  methods: readonly string[];
  handle(req: IncomingMessage, res: ServerResponse, correlationId: string): void | Promise<void>;
}
