// A throw-away PKI for tests, made at run time with the openssl command line (no key is ever
// committed): a CA, and leaf certificates it signs for servers (SAN localhost / 127.0.0.1) and
// clients. Everything lives in one temp directory that cleanup() removes.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface IssuedCertificate {
  certFile: string;
  keyFile: string;
  /** Upper-case hex, as X509Certificate.serialNumber gives it. */
  serial: string;
}

export interface TestPki {
  readonly dir: string;
  readonly caFile: string;
  /** A certificate signed by this CA: SAN localhost and 127.0.0.1, for serverAuth and clientAuth. */
  issue(name: string, options?: { commonName?: string }): IssuedCertificate;
  cleanup(): void;
}

const openssl = (args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

export function createTestPki(label = "test"): TestPki {
  const dir = mkdtempSync(join(tmpdir(), `tta-pki-${label}-`));
  const caFile = join(dir, "ca.pem");
  const caKey = join(dir, "ca.key");
  openssl(["req", "-x509", ...EC, "-keyout", caKey, "-out", caFile, "-days", "2", "-subj", `/CN=TTA ${label} CA`, "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  const ext = join(dir, "leaf.ext");
  writeFileSync(ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
  return {
    dir,
    caFile,
    issue(name, options = {}) {
      const keyFile = join(dir, `${name}.key`);
      const certFile = join(dir, `${name}.pem`);
      const csr = join(dir, `${name}.csr`);
      const bytes = randomBytes(8);
      bytes[0] = (bytes[0]! & 0x6f) | 0x10; // positive, and no leading zero byte: 16 hex digits as node prints them
      const serial = bytes.toString("hex").toUpperCase();
      openssl(["req", ...EC, "-keyout", keyFile, "-out", csr, "-subj", `/CN=${options.commonName ?? name}`]);
      openssl(["x509", "-req", "-in", csr, "-CA", caFile, "-CAkey", caKey, "-set_serial", `0x${serial}`, "-days", "2", "-extfile", ext, "-out", certFile]);
      return { certFile, keyFile, serial };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
