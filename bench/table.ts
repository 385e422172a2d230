// `npm run bench:table`: writes the README's benchmark section (between `<!-- bench:start -->` and
// `<!-- bench:end -->`) from bench/results/latest.json, or from the result file given.
import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { renderMarkdown } from "./lib/markdown.ts";
import { LATEST } from "./lib/results.ts";

const root = resolve(import.meta.dirname, "..");
const source = resolve(process.argv[2] ?? LATEST);
const readme = resolve(root, "README.md");
const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

const text = readFileSync(readme, "utf8");
const [a, b] = [text.indexOf(START), text.indexOf(END)];
if (a < 0 || b < a) throw new Error(`README.md needs ${START} and ${END}, in that order`);
const body = renderMarkdown(JSON.parse(readFileSync(source, "utf8")), relative(root, source));
writeFileSync(readme, `${text.slice(0, a + START.length)}\n${body}\n${text.slice(b)}`);
console.log(`README.md: benchmark section written from ${relative(root, source)}`);
