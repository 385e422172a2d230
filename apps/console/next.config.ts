// The console is built with Turbopack. The workspace packages ship TypeScript sources that import
// each other with `.ts` extensions, so Next transpiles them; pg and Prisma's runtime stay plain
// Node modules (Prisma loads its query compiler from its own package at run time).
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

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
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
  reactStrictMode: true,
};

export default nextConfig;
