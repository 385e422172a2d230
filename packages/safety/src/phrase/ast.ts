// The phrase language admins write rules in. Words match whole words; everything else is a small
// set of operators documented in packages/safety/README.md ("Phrase syntax").

export type PhraseNode =
  | { t: "word"; text: string; inflect: boolean; prefix: boolean }
  | { t: "class"; name: string }
  | { t: "alt"; options: PhraseSeq[] }
  | { t: "gap"; max: number }
  | { t: "start" };

export interface PhraseItem {
  node: PhraseNode;
  optional: boolean;
}

export type PhraseSeq = PhraseItem[];

export const MAX_GAP = 6;
