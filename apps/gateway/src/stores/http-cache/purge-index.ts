// The local store's purge indexes (tag, route, user): a name to the exact variants that carry it,
// kept in step with the entries so that nothing evicted or expired stays reachable from a name.

export class PurgeIndex {
  /** name -> primary key -> variants under that key carrying the name. */
  private readonly byName = new Map<string, Map<string, Set<string>>>();

  add(name: string, key: string, variant: string): void {
    let keys = this.byName.get(name);
    if (!keys) this.byName.set(name, (keys = new Map()));
    let variants = keys.get(key);
    if (!variants) keys.set(key, (variants = new Set()));
    variants.add(variant);
  }

  remove(name: string, key: string, variant: string): void {
    const keys = this.byName.get(name);
    const variants = keys?.get(key);
    if (!keys || !variants) return;
    variants.delete(variant);
    if (variants.size === 0) keys.delete(key);
    if (keys.size === 0) this.byName.delete(name);
  }

  /** The (key, variant) pairs carrying `name`, copied: the caller removes them as it goes. */
  list(name: string): Array<[key: string, variant: string]> {
    const out: Array<[string, string]> = [];
    for (const [key, variants] of this.byName.get(name) ?? []) for (const variant of variants) out.push([key, variant]);
    return out;
  }

  /** (name, key, variant) triples held: 0 when the store is empty. */
  size(): number {
    let n = 0;
    for (const keys of this.byName.values()) for (const variants of keys.values()) n += variants.size;
    return n;
  }

  clear(): void {
    this.byName.clear();
  }
}
