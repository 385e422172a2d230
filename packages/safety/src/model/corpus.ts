// The training corpus: every *.jsonl of a folder (data/train), one {text, labels} per line, read
// in file-name order so the same files give the same model.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MODEL_CATEGORIES } from "./model.ts";

export interface LabelledText {
  text: string;
  labels: string[];
  file: string;
}

export function readCorpus(dir: string): LabelledText[] {
  const known = new Set<string>(MODEL_CATEGORIES);
  const out: LabelledText[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    readFileSync(join(dir, file), "utf8").split("\n").forEach((line, n) => {
      if (!line.trim()) return;
      let row: { text?: unknown; labels?: unknown };
      try {
        row = JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${n + 1}: not JSON`, { cause: error });
      }
      if (typeof row.text !== "string" || !Array.isArray(row.labels)) throw new Error(`${file}:${n + 1}: needs text and labels`);
      const labels = row.labels.map(String);
      for (const l of labels) if (!known.has(l)) throw new Error(`${file}:${n + 1}: unknown label ${l}`);
      out.push({ text: row.text, labels, file });
    });
  }
  return out;
}
