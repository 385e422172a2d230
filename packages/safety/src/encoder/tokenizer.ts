// The sentence encoder's word-piece tokenizer: SentencePiece unigram pieces (vocab.json: piece,
// log-probability), the most probable segmentation found by Viterbi over a trie of the pieces.
// After the tokenizer of @energetic-ai/embeddings 0.2.0 and TensorFlow.js's universal-sentence-
// encoder (Apache-2.0), written again typed; ids must match what the model was trained with.

const SEPARATOR = "\u2581";
/** Ids 0-5 are reserved (unknown, <s>, </s>, extra ids): never produced by the trie. */
const RESERVED = 6;
const UNKNOWN = 0;

interface Node {
  children: Map<string, Node>;
  /** Set when a piece ends here. */
  piece?: { length: number; score: number; id: number };
}

const newNode = (): Node => ({ children: new Map() });

export class Tokenizer {
  private readonly root = newNode();
  private readonly lengths: number[];

  constructor(vocabulary: ReadonlyArray<readonly [string, number]>) {
    this.lengths = vocabulary.map(([piece]) => [...piece].length);
    for (let id = RESERVED; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id]!;
      let node = this.root;
      for (const symbol of piece) {
        let next = node.children.get(symbol);
        if (!next) node.children.set(symbol, (next = newNode()));
        node = next;
      }
      node.piece = { length: this.lengths[id]!, score, id };
    }
  }

  encode(text: string): number[] {
    const normalized = text.normalize("NFKC");
    if (normalized.length === 0) return [];
    const symbols = [...(SEPARATOR + normalized.replace(/ /g, SEPARATOR))];
    const n = symbols.length;
    // best[e]: the best score of a segmentation of symbols[0..e); id[e]: the last piece of it.
    const best = new Float64Array(n + 1);
    const id = new Int32Array(n + 1);
    const seen = new Uint8Array(n + 1);
    seen[0] = 1;
    for (let start = 0; start < n; start++) {
      if (!seen[start]) continue;
      let node = this.root.children.get(symbols[start]!);
      let matched = false;
      for (let end = start + 1; node; end++) {
        if (node.piece) {
          matched = true;
          this.relax(best, id, seen, end, best[start]! + node.piece.score, node.piece.id);
        }
        node = end < n ? node.children.get(symbols[end]!) : undefined;
      }
      // A symbol no piece starts with is one unknown piece of score 0.
      if (!matched) this.relax(best, id, seen, start + 1, best[start]!, UNKNOWN);
    }
    const out: number[] = [];
    for (let end = n; end > 0; ) {
      const piece = id[end]!;
      out.push(piece);
      end -= piece === UNKNOWN ? 1 : this.lengths[piece]!;
    }
    out.reverse();
    // A run of unknown symbols is one unknown piece.
    return out.filter((piece, i) => !(piece === UNKNOWN && out[i - 1] === UNKNOWN));
  }

  private relax(best: Float64Array, id: Int32Array, seen: Uint8Array, end: number, score: number, piece: number): void {
    if (!seen[end] || score >= best[end]!) {
      best[end] = score;
      id[end] = piece;
      seen[end] = 1;
    }
  }
}
