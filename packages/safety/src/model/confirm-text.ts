// What the second stage reads of a flagged text. The encoder reads no more than 128 word pieces,
// so a long text is cut to the window that gave the first stage's "any crisis" score (where the
// disclosure is, even tucked between game talk); a chat-length text (up to WINDOW chunks) is read
// whole and as written (case and punctuation carry meaning for the encoder), so a denial in the
// next sentence ("...and I said no") is not cut off.
import { WINDOW, type ModelScore } from "./model.ts";

/** Characters of a chat-length text given to the encoder: far more than 128 pieces. */
const MAX_CHARS = 1_500;

export function confirmText(text: string, score: Pick<ModelScore, "best" | "chunks">): string {
  if (score.chunks.length <= WINDOW) return text.trim().slice(0, MAX_CHARS);
  const [from, to] = score.best[0]!;
  return score.chunks.slice(from, to).join(". ").slice(0, MAX_CHARS);
}
