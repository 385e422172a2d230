import type { OutgoingHttpHeaders } from "node:http";
import type { Transform } from "node:stream";

/**
 * Streams an upstream answer's body goes through before it reaches the client (PII masking); may
 * edit the headers (a transformed body has another length). null = the body is relayed as it is.
 */
export type ResponseTransform = (status: number, headers: OutgoingHttpHeaders) => Transform[] | null;
