// Parent-based sampling with a ratio for new traces, the decision the OpenTelemetry SDK's
// ParentBasedSampler(TraceIdRatioBasedSampler) makes: a trusted caller's sampled flag stands; a
// trace the gateway starts is sampled when its id falls within the ratio. The same function decides
// the flag the gateway sends upstream when it exports nothing, so that services behind it sample as
// they would with export on.

/** Whether a new trace with this id is sampled at `ratio` (0..1); deterministic per trace id. */
export function sampledAtRatio(traceId: string, ratio: number): boolean {
  if (ratio >= 1) return true;
  if (!(ratio > 0)) return false;
  return foldTraceId(traceId) < Math.floor(ratio * 0xffffffff);
}

/** The trace id's four 32-bit words xor-ed together (the SDK's TraceIdRatioBasedSampler does the same). */
function foldTraceId(traceId: string): number {
  let folded = 0;
  for (let i = 0; i < 32; i += 8) folded = (folded ^ parseInt(traceId.slice(i, i + 8), 16)) >>> 0;
  return folded;
}
