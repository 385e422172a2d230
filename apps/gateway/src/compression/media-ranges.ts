// A route's compressible content types (its policy's media ranges) as one matcher, compiled with
// the revision: "application/json" exactly, "text/*" by type, "application/*+json" by type and
// structured-syntax suffix (RFC 6838 §4.2.8). The answer's Content-Type parameters do not count.
export type TypeMatcher = (contentType: string) => boolean;

export function mediaRangeMatcher(ranges: readonly string[]): TypeMatcher {
  const exact = new Set<string>();
  const anySubtype = new Set<string>(); // "text/"
  const suffixed: Array<{ prefix: string; suffix: string }> = []; // "application/", "+json"
  for (const range of ranges) {
    const [type, subtype] = range.toLowerCase().split("/") as [string, string];
    if (subtype === "*") anySubtype.add(`${type}/`);
    else if (subtype.startsWith("*+")) suffixed.push({ prefix: `${type}/`, suffix: subtype.slice(1) });
    else exact.add(range.toLowerCase());
  }
  return (contentType) => {
    const semi = contentType.indexOf(";");
    const type = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
    if (exact.has(type)) return true;
    const slash = type.indexOf("/");
    if (slash <= 0 || slash === type.length - 1) return false;
    if (anySubtype.has(type.slice(0, slash + 1))) return true;
    return suffixed.some((s) => type.startsWith(s.prefix) && type.endsWith(s.suffix) && type.length > s.prefix.length + s.suffix.length);
  };
}
