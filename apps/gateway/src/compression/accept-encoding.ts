// Content-coding negotiation (RFC 9110 §12.5.3): which of the route's encodings a client's
// Accept-Encoding asks for, by q-value. A coding the header does not name is acceptable only
// through "*"; q=0 refuses it; "x-gzip" is gzip (§8.4.1.3). identity beats the codings only when
// the client names it with a higher weight than all of them: an implicit identity never does. No
// header, an empty one, or nothing acceptable: identity (null).
import type { TCompressionAlgorithm } from "@tta/domain";

export type Coding = TCompressionAlgorithm;

/** The gateway's own order when the client weighs codings equally: br is smaller at a like cost. */
export const PREFERENCE: readonly Coding[] = ["br", "gzip"];

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

interface Weights {
  byCoding: Map<string, number>;
  star: number | null;
}

/** The header's weights by coding name (lower case); an entry with a broken q-value is ignored. */
function weightsOf(header: string): Weights {
  const byCoding = new Map<string, number>();
  let star: number | null = null;
  for (const item of header.split(",")) {
    const [rawName, ...params] = item.split(";");
    let name = rawName!.trim().toLowerCase();
    if (!name) continue;
    if (name === "x-gzip") name = "gzip";
    let q = 1;
    let broken = false;
    for (const param of params) {
      const [key, value] = param.split("=").map((s) => s.trim());
      if (key?.toLowerCase() !== "q") continue;
      if (value === undefined || !QVALUE.test(value)) broken = true;
      else q = Number(value);
    }
    if (broken) continue;
    if (name === "*") star ??= q;
    else if (!byCoding.has(name)) byCoding.set(name, q); // the first occurrence counts
  }
  return { byCoding, star };
}

/** The coding to answer with among `offered`, or null for identity. */
export function negotiateEncoding(header: string | string[] | undefined, offered: ReadonlySet<Coding>): Coding | null {
  if (header === undefined) return null;
  const text = Array.isArray(header) ? header.join(",") : header;
  if (!text.trim()) return null;
  const { byCoding, star } = weightsOf(text);
  let best: Coding | null = null;
  let bestQ = 0;
  for (const coding of PREFERENCE) {
    if (!offered.has(coding)) continue;
    const q = byCoding.get(coding) ?? star ?? 0;
    if (q > bestQ) [best, bestQ] = [coding, q];
  }
  if (!best) return null;
  const identity = byCoding.get("identity");
  return identity !== undefined && identity > bestQ ? null : best;
}
