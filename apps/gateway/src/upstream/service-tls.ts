// A service's TLS to its https:// instances: its settings' file references (an absolute path, or
// env:NAME resolved against the gateway's environment once at start) read and checked, into the
// options of the service's https agent and of its wss:// legs. Read synchronously on purpose: at a
// config swap the agents must be ready before any request sees the revision (a few small files,
// once per publish or file change, never per request). Errors name the service and the
// reference as configured, never a file's content or an environment variable's value.
import { createPrivateKey, createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { TLS_FILE_ENV_REF, type TUpstreamTls } from "@tta/domain";

export class UpstreamTlsError extends Error {
  override name = "UpstreamTlsError";
}

export interface LoadedServiceTls {
  /** For https.Agent and ws: ca, cert, key, servername, rejectUnauthorized, minVersion. */
  readonly options: ConnectionOptions;
  /** The files read (resolved paths), for the file watch. */
  readonly files: readonly string[];
  /** Changes when the settings or any file's content change. */
  readonly fingerprint: string;
}

/** The path a reference names: itself, or the value of its TLS variable. */
export function resolveTlsFile(ref: string, refs: ReadonlyMap<string, string>): string {
  const name = TLS_FILE_ENV_REF.exec(ref)?.[1];
  if (!name) return ref;
  const path = refs.get(name);
  if (!path) throw new UpstreamTlsError(`${ref}: the gateway has no variable ${name} (or it is empty)`);
  if (!path.startsWith("/")) throw new UpstreamTlsError(`${ref}: the variable must hold an absolute path`);
  return path;
}

function read(ref: string, refs: ReadonlyMap<string, string>, files: string[]): Buffer {
  const path = resolveTlsFile(ref, refs);
  files.push(path);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UpstreamTlsError(`${ref} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
}

export function loadServiceTls(settings: TUpstreamTls, refs: ReadonlyMap<string, string>): LoadedServiceTls {
  const files: string[] = [];
  const ca = settings.caFile ? read(settings.caFile, refs, files) : undefined;
  const cert = settings.certFile ? read(settings.certFile, refs, files) : undefined;
  const key = settings.keyFile ? read(settings.keyFile, refs, files) : undefined;
  if (ca) {
    try {
      new X509Certificate(ca);
    } catch (error) {
      throw new UpstreamTlsError(`${settings.caFile} holds no PEM certificate`, { cause: error });
    }
  }
  if (cert && key) {
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(cert);
    } catch (error) {
      throw new UpstreamTlsError(`${settings.certFile} holds no PEM certificate`, { cause: error });
    }
    let privateKey;
    try {
      privateKey = createPrivateKey(key);
    } catch (error) {
      throw new UpstreamTlsError(`${settings.keyFile} holds no PEM private key (or it is encrypted)`, { cause: error });
    }
    if (!x509.checkPrivateKey(privateKey)) throw new UpstreamTlsError(`the key of ${settings.keyFile} does not belong to the certificate of ${settings.certFile}`);
  }
  const hash = createHash("sha256").update(JSON.stringify(settings));
  for (const part of [ca, cert, key]) hash.update(part ?? "-").update("\0");
  const options: ConnectionOptions = {
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(settings.serverName ? { servername: settings.serverName } : {}),
    rejectUnauthorized: settings.rejectUnauthorized,
    minVersion: "TLSv1.2",
  };
  return Object.freeze({ options: Object.freeze(options), files: Object.freeze(files), fingerprint: hash.digest("hex") });
}
