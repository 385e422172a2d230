import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { watchFiles } from "./file-watch.ts";

const dir = mkdtempSync(join(tmpdir(), "tta-file-watch-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("a rename over a watched file is seen through the directory's events (the poll is an hour away)", async () => {
  const file = join(dir, "a.pem");
  writeFileSync(file, "one");
  let changes = 0;
  const watch = watchFiles([file], () => void changes++, { pollMs: 3_600_000, debounceMs: 20 });
  try {
    writeFileSync(join(dir, "a.pem.tmp"), "two");
    renameSync(join(dir, "a.pem.tmp"), file);
    await until("the change", () => changes === 1);
    writeFileSync(join(dir, "unrelated.txt"), "x"); // an event in the directory, no change to the file
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(changes, 1);
  } finally {
    watch.close();
  }
});

test("without file-system events the stat poll finds an in-place rewrite, a removal and a return", async () => {
  const file = join(dir, "b.pem");
  writeFileSync(file, "one");
  let changes = 0;
  const watch = watchFiles([file], () => void changes++, { pollMs: 40, debounceMs: 5, fsEvents: false });
  try {
    writeFileSync(file, "longer content");
    await until("the rewrite", () => changes === 1);
    rmSync(file);
    await until("the removal", () => changes === 2);
    writeFileSync(file, "back");
    await until("the return", () => changes === 3);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(changes, 3, "no change, no call");
  } finally {
    watch.close();
  }
});

test("a change during a slow reload is looked at once that reload is done, never two at once", async () => {
  const file = join(dir, "c.pem");
  writeFileSync(file, "one");
  let running = 0;
  let most = 0;
  let calls = 0;
  const watch = watchFiles(
    [file],
    async () => {
      running++;
      most = Math.max(most, running);
      calls++;
      await new Promise((r) => setTimeout(r, 150));
      running--;
    },
    { pollMs: 20, debounceMs: 5, fsEvents: false },
  );
  try {
    writeFileSync(file, "two!");
    await until("the first reload", () => calls === 1);
    writeFileSync(file, "three!!");
    await until("the second reload", () => calls === 2);
    assert.equal(most, 1);
  } finally {
    watch.close();
  }
});

test("a Kubernetes-style secret update (the ..data symlink swapped to a new directory) is seen through the directory's events", async () => {
  const mount = mkdtempSync(join(dir, "mount-"));
  mkdirSync(join(mount, "..v1"));
  writeFileSync(join(mount, "..v1", "tls.crt"), "one");
  symlinkSync("..v1", join(mount, "..data"));
  symlinkSync("..data/tls.crt", join(mount, "tls.crt"));
  let changes = 0;
  const watch = watchFiles([join(mount, "tls.crt")], () => void changes++, { pollMs: 3_600_000, debounceMs: 20 });
  try {
    mkdirSync(join(mount, "..v2"));
    writeFileSync(join(mount, "..v2", "tls.crt"), "two");
    symlinkSync("..v2", join(mount, "..data_tmp"));
    renameSync(join(mount, "..data_tmp"), join(mount, "..data")); // what the kubelet does: one atomic rename
    await until("the change", () => changes === 1);
  } finally {
    watch.close();
  }
});
