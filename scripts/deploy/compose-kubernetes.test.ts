// docker-compose.yml and deploy/kubernetes start the same image with the same commands: they must
// agree on what they hand each process (variable names, ports, health paths, shutdown time), so
// that a setting added to one is not forgotten in the other.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { DEFAULTS, parseEnv } from "../../apps/gateway/src/env.ts";
import { containerOf, environment, find, loadKustomization, portNumber, read, type Container } from "./kube-files.ts";

/** Values as compose gives them with none of the variables set: `${X:-default}` / `${X-default}` -> default, `${X}` -> "". */
function interpolated(environment: Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(environment ?? {}).map(([k, v]) => [k, v?.replace(/\$\{[A-Z0-9_]+(?::?-([^}]*))?\}/g, (_m, fallback: string | undefined) => fallback ?? "")]));
}

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, ComposeService> };
const { objects } = loadKustomization("deploy/kubernetes");
const bootstrap = loadKustomization("deploy/kubernetes/bootstrap");

/** Read by tools or set in the image, not by our code. */
const EXTERNAL = new Set(["NEXT_TELEMETRY_DISABLED", "NODE_ENV"]);
/** Set in compose only, and why Kubernetes does without. */
const COMPOSE_ONLY: Record<string, Record<string, string>> = {
  migrate: { DEMO_UPSTREAM_HOST: "the demo services are not deployed in Kubernetes; the seeded demo routes are replaced there" },
  console: { GATEWAY_ADMIN_URLS: "the gateways advertise their pod's admin URL in their heartbeats; an admin Service URL would reach any one gateway, not each" },
};

const names = (service: ComposeService) => Object.keys(service.environment ?? {}).filter((n) => !EXTERNAL.has(n));
const kubeNames = (container: Container) => new Set(environment(container, objects).keys());
/** `fetch('http://127.0.0.1:8081/readyz')` in a health check -> port and path. */
function healthTarget(service: ComposeService): { port: number; path: string } {
  const url = /https?:\/\/127\.0\.0\.1:(\d+)(\/[^'"]*)/.exec(service.healthcheck?.test.join(" ") ?? "");
  assert.ok(url, "a health check that fetches a local URL");
  return { port: Number(url[1]), path: url[2]! };
}
const seconds = (duration: string) => Number(/^(\d+)s$/.exec(duration)?.[1] ?? NaN);

const gateways = Object.entries(compose.services).filter(([name]) => /^gateway-\d+$/.test(name));
const gatewayContainer = containerOf(find(objects, "Deployment", "tta-gateway"), "gateway");
const consoleContainer = containerOf(find(objects, "Deployment", "tta-console"), "console");

describe("docker-compose.yml and deploy/kubernetes agree", () => {
  it("the gateways: same command, every variable compose gives is given in Kubernetes too", () => {
    assert.ok(gateways.length >= 2);
    const kube = kubeNames(gatewayContainer);
    for (const [name, service] of gateways) {
      assert.deepEqual(service.command, gatewayContainer.command, `${name} runs what the Deployment runs`);
      for (const variable of names(service)) assert.ok(kube.has(variable), `${name} sets ${variable}; deploy/kubernetes/gateway-deployment.yaml does not`);
    }
  });

  it("the gateways: the same ports, the same readiness path, and a stop grace period past the gateway's own exit", () => {
    for (const [name, service] of gateways) {
      const env = parseEnv({ DATABASE_URL: "postgresql://x/y", ...interpolated(service.environment), GATEWAY_ADMIN_TOKEN: undefined, GATEWAY_REGISTRATION_TOKEN: undefined });
      assert.equal(env.GATEWAY_PORT, portNumber(gatewayContainer, "proxy"), `${name}: proxy port`);
      assert.equal(env.GATEWAY_ADMIN_PORT, portNumber(gatewayContainer, "admin"), `${name}: admin port`);
      const health = healthTarget(service);
      assert.equal(health.port, env.GATEWAY_ADMIN_PORT, `${name}: the health check asks the admin port`);
      assert.equal(health.path, gatewayContainer.readinessProbe?.httpGet?.path, `${name}: the health check is the readiness probe`);
      assert.ok(seconds(service.stop_grace_period ?? "10s") * 1000 > DEFAULTS.SHUTDOWN_HARD_EXIT_MS, `${name}: stop_grace_period outlasts SHUTDOWN_HARD_EXIT_MS (Docker's default 10 s would kill it mid-drain)`);
    }
    assert.match(read("docker/nginx.conf"), new RegExp(`server gateway-1:${portNumber(gatewayContainer, "proxy")}\\b`));
  });

  it("the console: same command and port, the same health path, and the variables agree but for the documented ones", () => {
    const service = compose.services.console!;
    assert.deepEqual(service.command, consoleContainer.command);
    const health = healthTarget(service);
    assert.equal(health.port, portNumber(consoleContainer, "http"));
    assert.equal(health.path, consoleContainer.readinessProbe?.httpGet?.path);
    const kube = kubeNames(consoleContainer);
    for (const variable of names(service)) {
      if (COMPOSE_ONLY.console?.[variable]) assert.ok(!kube.has(variable), `${variable} is listed as compose-only but Kubernetes sets it: drop it from COMPOSE_ONLY`);
      else assert.ok(kube.has(variable), `compose gives the console ${variable}; deploy/kubernetes/console-deployment.yaml does not`);
    }
  });

  it("migrations: compose's migrate service is the seed Job, the migrations Job the same without the demo, and the apps wait for it", () => {
    const migrate = compose.services.migrate!;
    const seed = containerOf(find(bootstrap.objects, "Job", "tta-seed"), "seed");
    const job = containerOf(find(objects, "Job", "tta-migrate"), "migrate");
    assert.deepEqual(migrate.command, seed.command);
    assert.deepEqual(migrate.command?.filter((a) => a !== "--seed"), job.command);
    for (const name of ["gateway-1", "gateway-2", "console"]) assert.equal(compose.services[name]?.depends_on?.migrate?.condition, "service_completed_successfully", `${name} starts after the migrations`);
    const kube = new Set([...environment(seed, objects).keys()]);
    // compose hands the migrator the whole shared block; what the scripts read must agree.
    const scripts = read("scripts/migrate.ts") + read("prisma/seed.ts");
    for (const variable of names(migrate).filter((n) => new RegExp(`process\\.env\\.${n}\\b`).test(scripts))) {
      if (COMPOSE_ONLY.migrate?.[variable]) assert.ok(!kube.has(variable), `${variable} is listed as compose-only but Kubernetes sets it`);
      else assert.ok(kube.has(variable), `compose's migrate sets ${variable}; bootstrap/seed-job.yaml does not`);
    }
  });
});
