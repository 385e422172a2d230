// The labelled evaluation set (test-data/eval.jsonl): one {text, labels, note?} per line. Every
// 5th line (index 4, 9, 14…) is held out: rules are tuned looking at the other lines only.
import { z } from "zod";

export const ZEvalLine = z.object({
  text: z.string().min(1),
  labels: z.array(z.string().regex(/^[a-z_]+$/)),
  note: z.string().optional(),
});
export type TEvalLine = z.infer<typeof ZEvalLine>;

export interface EvalItem extends TEvalLine {
  index: number;
  heldOut: boolean;
}

export const isHeldOut = (index: number) => index % 5 === 4;

export function parseEvalJsonl(source: string): EvalItem[] {
  return source
    .split("\n")
    .map((line, n) => ({ line: line.trim(), n }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }, index) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new Error(`eval line ${n + 1}: not JSON`, { cause: error });
      }
      const parsed = ZEvalLine.safeParse(json);
      if (!parsed.success) throw new Error(`eval line ${n + 1}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      return { ...parsed.data, index, heldOut: isHeldOut(index) };
    });
}
