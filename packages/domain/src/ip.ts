// IP addresses and CIDR ranges as rate-limit policies list them. Browser-safe (no node:net), so the
// console's forms check an entry before it is sent.

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIPv4(value: string): boolean {
  const parts = value.split(".");
  return parts.length === 4 && parts.every((p) => IPV4_OCTET.test(p));
}

export function isIPv6(value: string): boolean {
  if (value.length > 45 || value.includes("%")) return false;
  let text = value;
  let groupsWanted = 8;
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
    if (lastColon === -1 || !isIPv4(tail)) return false;
    text = text.slice(0, text.endsWith("::" + tail) ? lastColon + 1 : lastColon);
    groupsWanted = 6;
  }
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groupsOf = (s: string) => (s === "" ? [] : s.split(":"));
  const groups = [...groupsOf(halves[0]!), ...(halves.length === 2 ? groupsOf(halves[1]!) : [])];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return halves.length === 2 ? groups.length < groupsWanted : groups.length === groupsWanted;
}

/** "203.0.113.7", "2001:db8::1", "10.0.0.0/8", "2001:db8::/32". */
export function isIpOrCidr(value: string): boolean {
  const slash = value.indexOf("/");
  if (slash === -1) return isIPv4(value) || isIPv6(value);
  const address = value.slice(0, slash);
  const prefix = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  if (isIPv4(address)) return bits <= 32;
  if (isIPv6(address)) return bits <= 128;
  return false;
}
