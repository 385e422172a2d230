// Keeps the HTTPS listener's certificate current without a restart: the files are watched
// (file-watch.ts), and a change that yields a valid pair re-keys the listener (new handshakes get
// the new certificate, open connections keep theirs). A broken or half-written pair keeps the
// certificate that was served: logged once per distinct problem (not at every poll) and counted;
// a good reload afterwards is logged too.
import type { Logger } from "pino";
import { watchFiles, type FileWatch } from "./file-watch.ts";
import { loadCertificate, type CertificateFiles, type LoadedCertificate } from "./certificate.ts";

export interface CertWatcherOptions {
  files: CertificateFiles;
  /** Applies a reloaded certificate (server.setSecureContext); the first one is current(). */
  apply(certificate: LoadedCertificate): void;
  log: Logger;
  /** Each reload's result, for the metrics. */
  onReload?(result: "ok" | "failed"): void;
  pollMs: number;
  debounceMs: number;
}

export interface CertWatcher {
  current(): LoadedCertificate;
  close(): void;
}

const described = (c: LoadedCertificate) => ({ subject: c.subject, serial: c.serial, validTo: new Date(c.validTo).toISOString() });

/** Loads the certificate (a bad one rejects: the start stops, naming the file) and watches its files. */
export async function startCertWatcher(options: CertWatcherOptions): Promise<CertWatcher> {
  const { files, log } = options;
  let current: LoadedCertificate;
  let lastProblem: string | null = null;

  async function reload(): Promise<void> {
    let next: LoadedCertificate;
    try {
      next = await loadCertificate(files);
      options.apply(next);
    } catch (error) {
      options.onReload?.("failed");
      const problem = (error as Error).message;
      if (problem !== lastProblem) log.error({ problem, serving: described(current) }, "the new TLS certificate cannot be used; still serving the previous one");
      lastProblem = problem;
      return;
    }
    options.onReload?.("ok");
    lastProblem = null;
    if (next.fingerprint256 !== current.fingerprint256) log.info({ ...described(next), previous: current.serial }, "TLS certificate reloaded");
    current = next;
  }

  const paths = [files.certFile, files.keyFile, ...(files.caFile ? [files.caFile] : [])];
  // Watched before the first read: a file that changes while it is read is read again.
  const watch: FileWatch = watchFiles(paths, () => reload(), { pollMs: options.pollMs, debounceMs: options.debounceMs });
  try {
    current = await loadCertificate(files);
  } catch (error) {
    watch.close();
    throw error;
  }
  return { current: () => current, close: () => watch.close() };
}
