// Tells when any of a few files changed. fs.watch on each file's directory (secret mounts replace a
// file by renaming or by swapping a symlink, which a watch on the file itself misses), and, since
// fs.watch is unreliable on some file systems (network mounts, some container overlays), a stat of
// every file each pollMs as well. Either only triggers a comparison of (inode, size, mtime) per
// file, debounced: a certificate and its key written one after the other are one change, and a
// directory event about some other file is none.
import { statSync, watch, type FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname } from "node:path";

export interface FileWatchOptions {
  /** The stat fallback's period. */
  pollMs: number;
  /** Quiet time after the last event before the files are compared. */
  debounceMs: number;
  /** false: the stat poll alone (a file system whose events cannot be trusted). Default true. */
  fsEvents?: boolean;
}

export interface FileWatch {
  close(): void;
}

const described = (s: { ino: number; size: number; mtimeMs: number }) => `${s.ino}:${s.size}:${s.mtimeMs}`;
const missing = (error: NodeJS.ErrnoException) => `missing:${error.code ?? "?"}`;

async function signature(paths: readonly string[]): Promise<string> {
  const parts = await Promise.all(paths.map((p) => stat(p).then(described, missing)));
  return parts.join("|");
}

/** The starting point, taken before the caller reads the files: a change while it reads is a change. */
function signatureNow(paths: readonly string[]): string {
  return paths
    .map((p) => {
      try {
        return described(statSync(p));
      } catch (error) {
        return missing(error as NodeJS.ErrnoException);
      }
    })
    .join("|");
}

/** Calls onChange (never twice at once) after the files differ from when the watch started or last changed. */
export function watchFiles(paths: readonly string[], onChange: () => void | Promise<void>, options: FileWatchOptions): FileWatch {
  let last = signatureNow(paths);
  let closed = false;
  let debounce: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  async function compare(): Promise<void> {
    if (running) {
      again = true; // a change during a reload is looked at once that reload is done
      return;
    }
    running = (async () => {
      do {
        again = false;
        const now = await signature(paths);
        if (closed || now === last) continue;
        last = now;
        await onChange();
      } while (again && !closed);
    })().finally(() => (running = null));
    await running;
  }

  const schedule = () => {
    if (closed) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void compare(), options.debounceMs);
    debounce.unref();
  };

  const watchers: FSWatcher[] = [];
  for (const dir of options.fsEvents === false ? [] : new Set(paths.map((p) => dirname(p)))) {
    try {
      const watcher = watch(dir, { persistent: false }, schedule);
      watcher.on("error", () => watcher.close()); // e.g. the directory went away: the poll carries on
      watchers.push(watcher);
    } catch {
      // not watchable here (no such directory yet, no inotify): the poll is enough
    }
  }
  const poll = setInterval(schedule, options.pollMs);
  poll.unref();

  return {
    close() {
      closed = true;
      clearInterval(poll);
      clearTimeout(debounce);
      for (const w of watchers) w.close();
    },
  };
}
