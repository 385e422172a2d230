// The container files cannot be run here (no Docker engine), so what can go wrong in them without
// running them is checked: the image installs every workspace (npm ci refuses a lock file whose
// workspaces are missing), each service's command names a file that exists, every environment
// variable a service is given is one that code reads (a typo is a silently ignored setting), the
// gateways believe the load balancer's X-Forwarded-For (and only its), and nginx balances over
// the gateway services that exist.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { ZEnv } from "../../apps/gateway/src/env.ts";

const root = join(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const dockerfile = read("docker/Dockerfile");
const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, Service>; networks?: Record<string, { ipam?: { config?: Array<{ subnet: string }> } }> };
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  working_dir?: string;
  environment?: Record<string, string>;
  networks?: Record<string, { ipv4_address?: string } | null> | string[];
}
const ours = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

function workspaces(): string[] {
  const globs = (JSON.parse(read("package.json")) as { workspaces: string[] }).workspaces;
  return globs.flatMap((glob) => {
    const dir = glob.replace(/\/\*$/, "");
    return readdirSync(join(root, dir), { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(root, dir, e.name, "package.json"))).map((e) => `${dir}/${e.name}`);
  });
}

/** Every .ts file under the code folders, read once: where an environment variable must be named. */
const sources = (() => {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === ".next" || e.name === "generated") continue;
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) out.push(read(path));
    }
  };
  for (const dir of ["apps", "packages", "scripts", "prisma"]) walk(dir);
  return out.join("\n");
})();
/** Read by tools, not by our code. */
const EXTERNAL = new Set(["NEXT_TELEMETRY_DISABLED", "NODE_ENV"]);

describe("docker/Dockerfile and docker-compose.yml", () => {
  it("the image's dependency layer copies every workspace's package.json before npm ci", () => {
    const ci = dockerfile.indexOf("RUN npm ci");
    assert.ok(ci > 0, "the deps stage runs npm ci");
    for (const ws of workspaces()) assert.ok(dockerfile.slice(0, ci).includes(`COPY ${ws}/package.json ${ws}/`), `COPY ${ws}/package.json before npm ci`);
  });

  it("every service built from the image runs a file that exists", () => {
    assert.ok(ours.length >= 5);
    for (const [name, service] of ours) {
      const files = (service.command ?? []).filter((arg) => /\.(ts|js|mjs)$/.test(arg) || arg.includes("/bin/"));
      assert.ok(files.length > 0, `${name} names its entry file`);
      const dir = (service.working_dir ?? "/app").replace(/^\/app\/?/, "");
      for (const file of files) assert.ok(existsSync(join(root, dir, file)), `${name}: ${file} exists (from /app/${dir})`);
    }
  });

  it("every environment variable given to a service is one our code reads, and the gateways' are in their schema", () => {
    const gatewayKeys = new Set(Object.keys(ZEnv.shape));
    for (const [name, service] of ours) {
      for (const key of Object.keys(service.environment ?? {})) {
        if (EXTERNAL.has(key)) continue;
        if (name.startsWith("gateway")) assert.ok(gatewayKeys.has(key) || key === "DATABASE_URL", `${name}: ${key} is a gateway setting (apps/gateway/src/env.ts)`);
        else assert.ok(new RegExp(`\\b${key}\\b`).test(sources), `${name}: ${key} is read somewhere in the code`);
      }
    }
  });

  it("the gateways trust X-Forwarded-For from the load balancer's fixed address only, and nginx balances over the gateway services", () => {
    const lb = compose.services.lb!;
    const lbNets = lb.networks as Record<string, { ipv4_address?: string }>;
    const [net, at] = Object.entries(lbNets)[0]!;
    assert.ok(at.ipv4_address, "the load balancer has a fixed address");
    const subnet = compose.networks?.[net]?.ipam?.config?.[0]?.subnet ?? "";
    assert.ok(subnet.startsWith(at.ipv4_address.split(".").slice(0, 3).join(".")), `${at.ipv4_address} is inside ${subnet}`);
    const gateways = ours.filter(([name]) => name.startsWith("gateway"));
    assert.ok(gateways.length >= 2);
    for (const [name, service] of gateways) {
      assert.equal(service.environment?.GATEWAY_TRUSTED_PROXIES, at.ipv4_address, `${name} trusts the load balancer only`);
      const nets = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? { default: null });
      assert.ok(nets.includes(net), `${name} is on the load balancer's network`);
    }
    const nginx = read("docker/nginx.conf");
    const servers = [...nginx.matchAll(/server ([\w-]+):8080/g)].map((m) => m[1]);
    assert.deepEqual(servers.sort(), gateways.map(([name]) => name).sort());
    assert.ok(Number(ZEnv.shape.GATEWAY_PORT.parse(undefined)) === 8080, "nginx proxies to the gateways' default port");
  });
});
