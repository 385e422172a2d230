// The CLI as a function of its arguments: parses argv, runs one command, returns the exit code
// (0 ok / no change, 1 error or refused, 2 diff found changes). Errors go to stderr with their
// field paths; with --json, an error is also one JSON document on stdout.
import { parseArgs } from "node:util";
import { CliError, formatProblem } from "./cli-error.ts";
import { applyCommand } from "./commands/apply.ts";
import { diffCommand } from "./commands/diff.ts";
import { exportCommand } from "./commands/export.ts";
import { importCommand } from "./commands/import.ts";
import { validateCommand } from "./commands/validate.ts";
import type { Io } from "./io.ts";

export const USAGE = `tta-config <command> [options]   (npm run config -- <command> …)

  export [--revision N | --working] [-o FILE]   the configuration as YAML (default: the working copy)
  validate FILE                                  offline check: every problem as path: message (line N)
  diff FILE                                      what FILE would change against the live revision (exit 2 if anything)
  apply FILE --message MSG --author EMAIL [--dry-run] [--approved-by CLINICIAN_EMAIL]
                                                 working tables + a new revision, in one transaction
  import [FILE] [--apply --message MSG --author EMAIL] [--dry-run] [--approved-by EMAIL] [-o FILE]
                                                 the gateway section of config/tta_config.yaml

  --json   machine-readable output        DATABASE_URL   the gateway's database (all but validate)
  A file that weakens crisis scanning or PII masking is applied only with --approved-by a
  clinician whose password is in TTA_APPROVER_PASSWORD.
Exit codes: 0 ok / no change, 1 error or refused, 2 diff found changes.`;

const OPTIONS = {
  revision: { type: "string" },
  working: { type: "boolean" },
  output: { type: "string", short: "o" },
  message: { type: "string", short: "m" },
  author: { type: "string" },
  "dry-run": { type: "boolean" },
  "approved-by": { type: "string" },
  apply: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function run(argv: string[], io: Omit<Io, "json">): Promise<number> {
  let json = argv.includes("--json");
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    json = !!values.json;
    const [command, file, ...extra] = positionals;
    if (values.help || !command) {
      io.out(USAGE);
      return command || values.help ? 0 : 1;
    }
    if (extra.length) throw new CliError(`unexpected argument(s): ${extra.join(" ")}`);
    const ctx: Io = { ...io, json };
    const apply = { message: values.message, author: values.author, dryRun: values["dry-run"], approvedBy: values["approved-by"] };
    switch (command) {
      case "export":
        if (file) throw new CliError(`export takes no file argument: use -o ${file}`);
        return await exportCommand(ctx, { revision: values.revision, working: values.working, output: values.output });
      case "validate":
        return await validateCommand(ctx, file);
      case "diff":
        return await diffCommand(ctx, file);
      case "apply":
        return await applyCommand(ctx, file, apply);
      case "import":
        return await importCommand(ctx, file, { ...apply, apply: values.apply, output: values.output });
      default:
        throw new CliError(`unknown command "${command}" (export, validate, diff, apply, import; --help)`);
    }
  } catch (error) {
    const known = error instanceof CliError;
    const message = known ? error.message : (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? (error as Error).message : `unexpected error: ${(error as Error).stack ?? error}`;
    const problems = known ? error.problems : [];
    io.err(message);
    for (const p of problems) io.err(`  ${formatProblem(p)}`);
    if (json) io.out(JSON.stringify({ ok: false, error: message, problems, ...(known && error.details ? (error.details as object) : {}) }));
    return known ? error.exitCode : 1;
  }
}
