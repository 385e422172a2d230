// A set of IP addresses and CIDR ranges (rate-limit allow/block lists, trusted proxies), matched
// with node's BlockList. IPv4-mapped IPv6 addresses (::ffff:203.0.113.7) count as their IPv4 form.
import { BlockList, isIPv4, isIPv6 } from "node:net";

export interface IpSet {
  has(address: string): boolean;
}

const EMPTY: IpSet = { has: () => false };

/** Strips an IPv4-mapped prefix and brackets; "" for anything that is not an address. */
export function normalizeIp(address: string | undefined): string {
  if (!address) return "";
  let a = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (a.startsWith("::ffff:") && isIPv4(a.slice(7))) a = a.slice(7);
  return isIPv4(a) || isIPv6(a) ? a : "";
}

/** Entries were validated by the schema; one that still does not parse throws (the revision is refused). */
export function ipSet(entries: readonly string[]): IpSet {
  if (entries.length === 0) return EMPTY;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const type = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
    if (!type) throw new Error(`not an IP address or CIDR range: ${entry}`);
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return {
    has(raw) {
      const address = normalizeIp(raw);
      if (!address) return false;
      return list.check(address, isIPv4(address) ? "ipv4" : "ipv6");
    },
  };
}
