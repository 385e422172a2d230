// Aho-Corasick over the literals of every rule: one pass over a text finds which literal sets
// ("items") occur in it. Built once per rule set into a dense transition table over the literal
// alphabet (a-z, 0-9, *): one array lookup per character of text.

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789*";
const WIDTH = ALPHABET.length;
const SYMBOL = new Int8Array(128).fill(-1);
for (let i = 0; i < WIDTH; i++) SYMBOL[ALPHABET.charCodeAt(i)] = i;

export class LiteralMatcher {
  private readonly table: Int32Array;
  private readonly out: number[][];
  private readonly marks: Uint32Array;
  private generation = 0;

  /** `literals`: literal -> the ids of the items (sets) it belongs to; ids are < itemCount. */
  constructor(literals: ReadonlyMap<string, readonly number[]>, itemCount: number) {
    const trie: number[][] = [new Array(WIDTH).fill(-1)];
    const own: number[][] = [[]];
    for (const [literal, items] of literals) {
      if ([...literal].some((c) => (SYMBOL[c.charCodeAt(0)] ?? -1) < 0)) throw new Error(`literal "${literal}" has a character outside ${ALPHABET}`);
      let node = 0;
      for (const c of literal) {
        const s = SYMBOL[c.charCodeAt(0)]!;
        if (trie[node]![s] === -1) {
          trie[node]![s] = trie.length;
          trie.push(new Array(WIDTH).fill(-1));
          own.push([]);
        }
        node = trie[node]![s]!;
      }
      own[node]!.push(...items);
    }
    // Breadth first: failure links, then full transitions (a DFA) and outputs merged along them.
    this.table = new Int32Array(trie.length * WIDTH);
    this.out = own.map((o) => [...new Set(o)]);
    const fail = new Int32Array(trie.length);
    const queue: number[] = [];
    for (let s = 0; s < WIDTH; s++) {
      const child = trie[0]![s]!;
      this.table[s] = child === -1 ? 0 : child;
      if (child !== -1) queue.push(child);
    }
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      this.out[node] = [...new Set([...this.out[node]!, ...this.out[fail[node]!]!])];
      for (let s = 0; s < WIDTH; s++) {
        const child = trie[node]![s]!;
        const viaFail = this.table[fail[node]! * WIDTH + s]!;
        if (child === -1) this.table[node * WIDTH + s] = viaFail;
        else {
          this.table[node * WIDTH + s] = child;
          fail[child] = viaFail;
          queue.push(child);
        }
      }
    }
    this.marks = new Uint32Array(itemCount);
  }

  /** The items (literal sets) present in `text`, each once. */
  found(text: string): number[] {
    if (this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.generation = 0;
    }
    const gen = ++this.generation;
    const found: number[] = [];
    const { table, out, marks } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const s = code < 128 ? SYMBOL[code]! : -1;
      if (s < 0) {
        node = 0;
        continue;
      }
      node = table[node * WIDTH + s]!;
      const items = out[node]!;
      for (let k = 0; k < items.length; k++) {
        const item = items[k]!;
        if (marks[item] === gen) continue;
        marks[item] = gen;
        found.push(item);
      }
    }
    return found;
  }
}
