// How the gateway speaks TLS to a service's https:// instances: a private CA to trust, a client
// certificate to present (upstreams that require mutual TLS), the name to verify. Only references
// to files live in the config, never key material: an absolute path, or `env:NAME`, a variable of
// the gateway's environment (its name must contain TLS) that holds the path, so that one config
// serves environments that mount their secrets in different places.
import { z } from "zod";

/** `env:NAME`: NAME is read from the gateway's environment and must contain TLS. */
export const TLS_FILE_ENV_REF = /^env:([A-Z][A-Z0-9_]*)$/;

export const ZTlsFileRef = z
  .string()
  .trim()
  .max(1024, "at most 1024 characters")
  .refine((v) => v.startsWith("/") || TLS_FILE_ENV_REF.test(v), "an absolute path (/etc/tta/tls/ca.pem) or env:NAME (a gateway variable holding the path)")
  .refine((v) => !TLS_FILE_ENV_REF.test(v) || v.includes("TLS"), "the variable's name must contain TLS (e.g. env:PLAYERS_TLS_CA_FILE)")
  .refine((v) => !v.split("/").includes(".."), "must not contain ..");

/** A host name sent as SNI and checked against the instance's certificate (not an IP address). */
const ZServerName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z]([a-z0-9-]*[a-z0-9])?$/, "a host name such as players.internal (no port, no IP address)");

export const ZUpstreamTls = z
  .object({
    /** PEM CA certificates the instances' certificates must chain to (instead of the public roots). */
    caFile: ZTlsFileRef.optional(),
    /** PEM client certificate (and chain) for instances that require one; with keyFile. */
    certFile: ZTlsFileRef.optional(),
    /** PEM private key of certFile. */
    keyFile: ZTlsFileRef.optional(),
    /** SNI and the name verified in the certificate; default the instance URL's host. */
    serverName: ZServerName.optional(),
    /** false accepts any certificate (a test bench only): the connection is encrypted but not authenticated. */
    rejectUnauthorized: z.boolean().default(true),
  })
  .superRefine((t, ctx) => {
    if (t.certFile && !t.keyFile) ctx.addIssue({ code: "custom", path: ["keyFile"], message: "a client certificate needs its key file" });
    if (t.keyFile && !t.certFile) ctx.addIssue({ code: "custom", path: ["certFile"], message: "a key file needs its client certificate" });
  });
export type TUpstreamTls = z.infer<typeof ZUpstreamTls>;
export type TUpstreamTlsInput = z.input<typeof ZUpstreamTls>;
