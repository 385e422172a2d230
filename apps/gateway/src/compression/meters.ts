// Compression meters (issue 14): answers compressed and the bytes they saved, by route and
// encoding, and answers of compressing routes sent as they were, by reason (type, small, encoded,
// no-transform, range, not-accepted, and the BREACH rule's set-cookie / credentialed). Route names
// come from the config and the other labels are fixed sets: every label is bounded.
import { Counter, type Registry } from "prom-client";
import type { Coding } from "./accept-encoding.ts";
import type { SkipReason } from "./verdict.ts";

export interface CompressionMeters {
  /** A body compressed to its end: its identity and encoded lengths. */
  compressed(route: string, coding: Coding, identityBytes: number, encodedBytes: number): void;
  skipped(route: string, reason: SkipReason): void;
}

export const NO_COMPRESSION_METERS: CompressionMeters = Object.freeze({ compressed() {}, skipped() {} });

export function createCompressionMeters(registry: Registry): CompressionMeters {
  const answers = new Counter({ name: "tta_gateway_compressed_responses_total", help: "Answers whose body the gateway compressed to its end, by route and encoding.", labelNames: ["route", "encoding"], registers: [registry] });
  const input = new Counter({ name: "tta_gateway_compression_input_bytes_total", help: "Body bytes before compression (the answers of tta_gateway_compressed_responses_total).", labelNames: ["route", "encoding"], registers: [registry] });
  const saved = new Counter({ name: "tta_gateway_compression_saved_bytes_total", help: "Body bytes compression kept off the wire (input minus encoded; 0 for an answer that did not shrink).", labelNames: ["route", "encoding"], registers: [registry] });
  const skipped = new Counter({ name: "tta_gateway_compression_skipped_total", help: "Answers on compressing routes sent uncompressed, by reason (type, small, encoded, no-transform, range, status, not-accepted, set-cookie, credentialed).", labelNames: ["route", "reason"], registers: [registry] });
  return {
    compressed(route, encoding, identityBytes, encodedBytes) {
      answers.inc({ route, encoding });
      input.inc({ route, encoding }, identityBytes);
      saved.inc({ route, encoding }, Math.max(0, identityBytes - encodedBytes));
    },
    skipped: (route, reason) => skipped.inc({ route, reason }),
  };
}
