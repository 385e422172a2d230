// Reads the HTTPS listener's certificate, key and optional CA files and checks that they make a
// usable pair before anything serves them: PEM that parses, a key that belongs to the certificate.
// What it reports (subject, serial, expiry, errors) never includes key material.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createSecureContext, type SecureContextOptions } from "node:tls";
import { TLS_CIPHERS, TLS_MIN_VERSION } from "./server-settings.ts";

export interface CertificateFiles {
  certFile: string;
  keyFile: string;
  /** Intermediate / CA certificates that complete the chain the listener sends. */
  caFile?: string;
}

export interface LoadedCertificate {
  /** For tls.createServer and server.setSecureContext. */
  readonly options: SecureContextOptions;
  readonly subject: string;
  readonly serial: string;
  readonly fingerprint256: string;
  /** Unix ms. */
  readonly validTo: number;
}

export class CertificateError extends Error {
  override name = "CertificateError";
}

async function read(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CertificateError(`the ${what} file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
}

/** The listener's settings with this certificate: what the server is created and re-keyed with. */
export function secureContextOptions(cert: Buffer, key: Buffer, ca: Buffer | undefined): SecureContextOptions {
  return { cert, key, ...(ca ? { ca } : {}), minVersion: TLS_MIN_VERSION, ciphers: TLS_CIPHERS };
}

export async function loadCertificate(files: CertificateFiles): Promise<LoadedCertificate> {
  const [cert, key, ca] = await Promise.all([read(files.certFile, "certificate"), read(files.keyFile, "key"), files.caFile ? read(files.caFile, "CA") : undefined]);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new CertificateError(`${files.certFile} holds no PEM certificate`, { cause: error });
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    // The message of a key that does not parse says nothing of its content.
    throw new CertificateError(`${files.keyFile} holds no PEM private key (or it is encrypted)`, { cause: error });
  }
  if (!x509.checkPrivateKey(privateKey)) throw new CertificateError(`the key in ${files.keyFile} does not belong to the certificate in ${files.certFile}`);
  const options = secureContextOptions(cert, key, ca);
  try {
    createSecureContext(options); // what setSecureContext would refuse (a CA file that is not PEM…), refused here
  } catch (error) {
    throw new CertificateError(`the certificate files cannot be used: ${(error as Error).message}`, { cause: error });
  }
  return Object.freeze({ options, subject: x509.subject.replace(/\n/g, ", "), serial: x509.serialNumber, fingerprint256: x509.fingerprint256, validTo: Date.parse(x509.validTo) });
}
