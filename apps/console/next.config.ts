// The console is built with Turbopack. The workspace packages ship TypeScript sources that import
// each other with `.ts` extensions, so Next transpiles them; pg and Prisma's runtime stay plain
// Node modules (Prisma loads its query compiler from its own package at run time).
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./src/security/headers.ts";

const monorepoRoot = fileURLToPath(new URL("../..", import.meta.url));

const nextConfig: NextConfig = {
  transpilePackages: ["@tta/domain", "@tta/db", "@tta/safety"],
  serverExternalPackages: ["pg", "@prisma/client", "@prisma/adapter-pg", "ioredis"],
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        // The per-request ones (CSP with its nonce, HSTS over https) are set in src/proxy.ts.
        headers: [...STATIC_SECURITY_HEADERS],
      },
    ];
  },
  reactStrictMode: true,
};

export default nextConfig;
