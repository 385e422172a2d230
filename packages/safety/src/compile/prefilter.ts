// Which rule parts can match a text: those whose literal sets are all present. Computed from the
// sets found (few) rather than by asking every part (a thousand), so a calm message costs a pass
// of the LiteralMatcher and little else.
import { LiteralMatcher } from "./literal-matcher.ts";

export class Prefilter {
  private readonly itemParts: number[][];
  private readonly needed: Uint8Array;
  private readonly count: Uint8Array;
  private readonly seen: Uint32Array;
  private readonly always: number[] = [];
  private generation = 0;

  /** `parts[id]`: the item ids part `id` needs. */
  constructor(
    private readonly matcher: LiteralMatcher,
    parts: readonly (readonly number[])[],
    itemCount: number,
  ) {
    this.itemParts = Array.from({ length: itemCount }, () => []);
    this.needed = new Uint8Array(parts.length);
    parts.forEach((items, id) => {
      this.needed[id] = items.length;
      if (items.length === 0) this.always.push(id);
      for (const item of items) this.itemParts[item]!.push(id);
    });
    this.count = new Uint8Array(parts.length);
    this.seen = new Uint32Array(parts.length);
  }

  /** The parts that may match `text`: all their literal sets are present (or they have none). */
  candidates(text: string): number[] {
    if (this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 0;
    }
    const gen = ++this.generation;
    const out = this.always.slice();
    for (const item of this.matcher.found(text)) {
      for (const part of this.itemParts[item]!) {
        if (this.seen[part] !== gen) {
          this.seen[part] = gen;
          this.count[part] = 0;
        }
        if (++this.count[part]! === this.needed[part]) out.push(part);
      }
    }
    return out;
  }
}
