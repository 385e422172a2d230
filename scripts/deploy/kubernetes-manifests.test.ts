// deploy/kubernetes cannot be applied here (no cluster), so it is checked against the app itself:
// every variable given is one the gateway's or console's schema reads and the values parse with
// it, the container ports are the ports those values make, the probes ask routes the admin
// handler and the console really answer, the grace period outlasts the gateway's own shutdown
// deadline, the HPA scales the Deployment on a metric the gateway exports, selectors select the
// pods, the Jobs run the migrate script, and no Secret value is in the repository.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ZConsoleEnv, ZConsoleEnvShape } from "../../apps/console/src/env-schema.ts";
import { createAdminHandler } from "../../apps/gateway/src/admin/admin-server.ts";
import { metricsEndpoint } from "../../apps/gateway/src/admin/metrics-endpoint.ts";
import type { CompiledConfig } from "../../apps/gateway/src/config/compiled.ts";
import { compileRouter } from "../../apps/gateway/src/config/router.ts";
import { DEFAULTS, parseEnv, ZEnv } from "../../apps/gateway/src/env.ts";
import { createGatewayMetrics } from "../../apps/gateway/src/metrics/gateway-metrics.ts";
import { containerOf, environment, expansionOnly, find, imageEnv, loadFile, loadKustomization, podOf, portNumber, preStopSeconds, read, resolve, root, selects } from "./kube-files.ts";

const DIR = "deploy/kubernetes";
const { kustomization, objects } = loadKustomization(DIR);
const bootstrap = loadKustomization(`${DIR}/bootstrap`);
const secretTemplate = find(loadFile(`${DIR}/secret.example.yaml`), "Secret", "tta-secrets");

const gatewayDeployment = find(objects, "Deployment", "tta-gateway");
const gateway = containerOf(gatewayDeployment, "gateway");
const consoleDeployment = find(objects, "Deployment", "tta-console");
const consoleContainer = containerOf(consoleDeployment, "console");
const migrateJob = find(objects, "Job", "tta-migrate");
const seedJob = find(bootstrap.objects, "Job", "tta-seed");
const workloads = [gatewayDeployment, consoleDeployment, migrateJob, seedJob];

/** Stand-ins for what only a cluster knows: the template's placeholders, and a pod's fields. */
const standIns = {
  secret: (secret: string, key: string) => (secret === secretTemplate.metadata.name ? secretTemplate.stringData?.[key] : undefined),
  field: (path: string) => ({ "status.podIP": "10.1.2.3", "metadata.name": "tta-gateway-6f7c9d-x2k4q" })[path] ?? assert.fail(`no stand-in for the pod field ${path}`),
};
/** What the gateway process would parse (throws, naming the variable, when a value is refused). */
let parsed: ReturnType<typeof parseEnv> | undefined;
const gatewayEnv = () => (parsed ??= parseEnv({ ...imageEnv(), ...resolve(gateway, objects, standIns) }));

describe("deploy/kubernetes against the gateway", () => {
  it("every variable the gateway container gets is in its schema (apps/gateway/src/env.ts), and the values parse", () => {
    const helpers = expansionOnly(gateway);
    for (const name of environment(gateway, objects).keys()) {
      if (helpers.has(name)) continue;
      // Auth policies' secretRef names a variable of its own (readJwtSecrets).
      assert.ok(name in ZEnv.shape || name.includes("JWT"), `${name} is not a gateway setting (apps/gateway/src/env.ts): a typo is a silently ignored setting`);
    }
    assert.equal(gatewayEnv().GATEWAY_INSTANCE_ID, "tta-gateway-6f7c9d-x2k4q");
  });

  it("sets every variable the gateway requires, and Redis, which several replicas must share", () => {
    const env = environment(gateway, objects);
    const required = Object.entries(ZEnv.shape).filter(([, schema]) => !schema.safeParse(undefined).success).map(([name]) => name);
    assert.ok(required.includes("DATABASE_URL"));
    for (const name of required) assert.ok(env.has(name), `${name} is required by the gateway`);
    const redis = env.get("REDIS_URL");
    assert.ok(redis && redis.from === "secret" && !redis.optional, "REDIS_URL comes from the Secret and is not optional (rate limits, sessions, registry, live views span the replicas)");
  });

  it("listens on every interface, on the ports its container declares", () => {
    assert.ok(!["127.0.0.1", "localhost", "::1"].includes(gatewayEnv().GATEWAY_HOST), `GATEWAY_HOST=${gatewayEnv().GATEWAY_HOST}: the probes and Services reach the pod's address, not its loopback`);
    assert.equal(portNumber(gateway, "proxy"), gatewayEnv().GATEWAY_PORT);
    assert.equal(portNumber(gateway, "admin"), gatewayEnv().GATEWAY_ADMIN_PORT);
    assert.equal(new URL(gatewayEnv().GATEWAY_PUBLIC_ADMIN_URL!).port, String(gatewayEnv().GATEWAY_ADMIN_PORT), "the advertised admin URL is on the admin port");
    assert.equal(new URL(gatewayEnv().GATEWAY_PUBLIC_ADMIN_URL!).hostname, "10.1.2.3", "the advertised admin URL names the pod's own address");
    assert.equal(Number(podOf(gatewayDeployment).annotations["prometheus.io/port"]), gatewayEnv().GATEWAY_ADMIN_PORT);
  });

  describe("probes and the metrics path are routes the admin handler answers", () => {
    let server: Server;
    let base: string;
    before(async () => {
      const loaded: CompiledConfig = { revision: 1, checksum: "c", loadedAt: new Date(), routes: [], router: compileRouter([]), services: new Map(), safetyRules: null };
      const metrics = createGatewayMetrics({ upstreamState: () => null, inFlight: () => 0, openConnections: async () => 3, revision: () => 1 }, { processMetrics: false });
      const source = { instanceId: "gw", store: { current: () => loaded, lastRejected: () => null, databaseReachable: () => true }, listenerConnected: () => true, draining: () => false };
      server = createServer(createAdminHandler(source, [metricsEndpoint(metrics.registry)]));
      await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((done) => server.close(() => done())));

    it("readiness, liveness and startup probes: GET on the admin port, 200 from a ready gateway", async () => {
      assert.ok(gateway.readinessProbe && gateway.livenessProbe, "the gateway has readiness and liveness probes");
      assert.notEqual(gateway.readinessProbe.httpGet!.path, gateway.livenessProbe.httpGet!.path, "readiness (a config is loaded, not draining) is not liveness (the process answers)");
      for (const [kind, probe] of Object.entries({ readiness: gateway.readinessProbe, liveness: gateway.livenessProbe, startup: gateway.startupProbe })) {
        if (!probe) continue;
        assert.equal(portNumber(gateway, probe.httpGet!.port), gatewayEnv().GATEWAY_ADMIN_PORT, `the ${kind} probe asks the admin port`);
        const res = await fetch(base + probe.httpGet!.path);
        assert.equal(res.status, 200, `${kind} probe ${probe.httpGet!.path}`);
      }
      assert.equal((await fetch(`${base}/no-such-probe`)).status, 404, "the handler tells a route it does not have");
    });

    it("the HPA's connections metric is a gauge on the scraped path, and prometheus-adapter's rule exposes it under that name", async () => {
      const hpa = find(objects, "HorizontalPodAutoscaler", "tta-gateway");
      const pods = hpa.spec.metrics.filter((m: { type: string }) => m.type === "Pods");
      assert.equal(pods.length, 1);
      const metric: string = pods[0].pods.metric.name;
      const text = await (await fetch(base + podOf(gatewayDeployment).annotations["prometheus.io/path"])).text();
      assert.match(text, new RegExp(`^# TYPE ${metric} gauge$`, "m"), `${metric} is a gauge the gateway exports`);
      assert.match(text, new RegExp(`^${metric} 3$`, "m"), `${metric} reads the proxy's open connections`);
      const adapter = loadFile(`${DIR}/monitoring/prometheus-adapter-rules.yaml`)[0] as unknown as { rules: { custom: Array<{ seriesQuery: string; name: { as: string } }> } };
      const rule = adapter.rules.custom.find((r) => r.name.as === metric);
      assert.ok(rule, `an adapter rule names ${metric}`);
      assert.match(rule.seriesQuery, new RegExp(`^${metric}\\{`));
      const monitor = find(loadKustomization(`${DIR}/monitoring`).objects, "ServiceMonitor", "tta-gateway");
      assert.equal(monitor.spec.endpoints[0].path, podOf(gatewayDeployment).annotations["prometheus.io/path"]);
      const admin = find(objects, "Service", "tta-gateway-admin");
      assert.ok(selects(monitor.spec.selector.matchLabels, admin.metadata.labels ?? {}), "the ServiceMonitor selects the admin Service");
      assert.ok(admin.spec.ports.some((p: { name: string }) => p.name === monitor.spec.endpoints[0].port), "on a port the admin Service has");
    });
  });

  it("terminating: the preStop sleep, then the gateway's whole shutdown, fit in the grace period", () => {
    const grace = podOf(gatewayDeployment).spec.terminationGracePeriodSeconds!;
    const sleep = preStopSeconds(gateway);
    assert.ok(sleep >= 5, "a preStop sleep long enough for the endpoint removal to reach the balancers");
    assert.ok(DEFAULTS.SHUTDOWN_HARD_EXIT_MS > DEFAULTS.SHUTDOWN_TIMEOUT_MS, "the hard exit comes after the drain");
    assert.ok(grace * 1000 > sleep * 1000 + DEFAULTS.SHUTDOWN_HARD_EXIT_MS, `${grace} s > ${sleep} s preStop + ${DEFAULTS.SHUTDOWN_HARD_EXIT_MS} ms to the gateway's own exit`);
    // main.ts is what exits then: it must use these numbers, not ones of its own.
    const main = read("apps/gateway/src/main.ts");
    assert.match(main, /shutdownTimeoutMs: DEFAULTS\.SHUTDOWN_TIMEOUT_MS/);
    assert.match(main, /DEFAULTS\.SHUTDOWN_HARD_EXIT_MS/);
  });

  it("the HPA scales the gateway Deployment, from two, on CPU (which has a request) and connections; the Deployment leaves the count to it", () => {
    const hpa = find(objects, "HorizontalPodAutoscaler", "tta-gateway");
    assert.equal(hpa.apiVersion, "autoscaling/v2");
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: gatewayDeployment.metadata.name });
    assert.ok(hpa.spec.minReplicas >= 2 && hpa.spec.maxReplicas > hpa.spec.minReplicas);
    assert.ok(hpa.spec.metrics.some((m: { type: string; resource?: { name: string } }) => m.type === "Resource" && m.resource?.name === "cpu"));
    assert.ok(gateway.resources?.requests?.cpu, "CPU utilisation is measured against the request");
    assert.equal(gatewayDeployment.spec.replicas, undefined, "an apply that set replicas would undo the HPA's scaling");
  });

  it("the disruption budget covers the gateway pods and leaves the HPA's minimum able to drain a node", () => {
    const pdb = find(objects, "PodDisruptionBudget", "tta-gateway");
    assert.ok(selects(pdb.spec.selector.matchLabels, podOf(gatewayDeployment).labels));
    for (const other of workloads.filter((w) => w !== gatewayDeployment)) assert.ok(!selects(pdb.spec.selector.matchLabels, podOf(other).labels), `not ${other.metadata.name}`);
    const min = find(objects, "HorizontalPodAutoscaler", "tta-gateway").spec.minReplicas;
    if (pdb.spec.minAvailable !== undefined) assert.ok(pdb.spec.minAvailable < min);
    else assert.ok(pdb.spec.maxUnavailable >= 1);
  });
});

describe("deploy/kubernetes against the console", () => {
  const consoleEnv = () => ZConsoleEnv.parse({ ...imageEnv(), ...resolve(consoleContainer, objects, standIns) });

  it("every variable the console gets is one it reads (apps/console/src/env-schema.ts), the values parse in production, and the required ones are set", () => {
    for (const name of environment(consoleContainer, objects).keys()) assert.ok(name in ZConsoleEnvShape.shape, `${name} is not a console setting`);
    const env = consoleEnv();
    assert.equal(env.NODE_ENV, "production");
    for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "REDIS_URL", "GATEWAY_ADMIN_TOKEN"]) assert.ok(environment(consoleContainer, objects).has(name), `${name} is given to the console`);
    const shared = (name: string) => [environment(gateway, objects).get(name), environment(consoleContainer, objects).get(name)];
    for (const name of ["REDIS_URL", "REDIS_KEY_PREFIX", "GATEWAY_ADMIN_TOKEN", "DATABASE_URL"]) {
      const [g, c] = shared(name);
      assert.deepEqual(c, g, `${name}: the console and the gateways read the same one`);
    }
  });

  it("Next listens on the port its container declares, and the probes ask a route that answers", async () => {
    const args = consoleContainer.command ?? [];
    assert.equal(consoleContainer.workingDir, "/app/apps/console");
    assert.ok(existsSync(join(root, "apps/console", args[1]!)), `${args[1]} exists`);
    const port = Number(args[args.indexOf("-p") + 1]);
    assert.equal(portNumber(consoleContainer, "http"), port);
    assert.equal(args[args.indexOf("-H") + 1], "0.0.0.0");
    const paths = new Set<string>();
    for (const probe of [consoleContainer.readinessProbe, consoleContainer.livenessProbe, consoleContainer.startupProbe]) {
      assert.ok(probe?.httpGet, "readiness, liveness and startup probes");
      assert.equal(portNumber(consoleContainer, probe.httpGet.port), port);
      paths.add(probe.httpGet.path);
    }
    for (const path of paths) {
      // The App Router serves /a/b from src/app/a/b/route.ts.
      const file = join(root, "apps/console/src/app", path, "route.ts");
      assert.ok(existsSync(file), `${path} is a route of the console (${file})`);
      const route = (await import(file)) as { GET?: () => Response | Promise<Response> };
      assert.ok(route.GET, `${path} answers GET`);
      assert.equal((await route.GET()).status, 200);
    }
  });
});

describe("deploy/kubernetes in itself", () => {
  const services = objects.filter((o) => o.kind === "Service");

  it("each Service selects the pods of one workload, on named ports its container has; the admin Service stays inside the cluster", () => {
    assert.ok(services.length >= 3);
    for (const service of services) {
      const matched = workloads.filter((w) => selects(service.spec.selector, podOf(w).labels));
      assert.equal(matched.length, 1, `${service.metadata.name} selects one workload`);
      const container = podOf(matched[0]!).spec.containers[0]!;
      for (const port of service.spec.ports) {
        assert.equal(typeof port.targetPort, "string", `${service.metadata.name}: a named targetPort follows the container`);
        portNumber(container, port.targetPort);
      }
    }
    const admin = find(objects, "Service", "tta-gateway-admin");
    assert.ok(admin.spec.type === undefined || admin.spec.type === "ClusterIP");
    assert.deepEqual(admin.spec.ports.map((p: { targetPort: string }) => p.targetPort), ["admin"]);
    assert.deepEqual(find(objects, "Service", "tta-gateway").spec.ports.map((p: { targetPort: string }) => p.targetPort), ["proxy"]);
  });

  it("the network policy opens the proxy port and gives the admin port to the console", () => {
    const policy = find(objects, "NetworkPolicy", "tta-gateway-admin");
    assert.ok(selects(policy.spec.podSelector.matchLabels, podOf(gatewayDeployment).labels));
    const rules = policy.spec.ingress as Array<{ ports: Array<{ port: string }>; from?: Array<{ podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: object }> }>;
    for (const rule of rules) for (const p of rule.ports) portNumber(gateway, p.port);
    assert.ok(rules.some((r) => r.ports.some((p) => p.port === "proxy") && r.from === undefined), "the proxy port from anywhere");
    const adminRule = rules.find((r) => r.ports.some((p) => p.port === "admin"));
    assert.ok(adminRule?.from?.some((f) => f.podSelector && !f.namespaceSelector && selects(f.podSelector.matchLabels, podOf(consoleDeployment).labels)), "the console reaches the admin port");
  });

  it("the migrations Job runs the migrate script of package.json from the same image, and the seed Job the same with --seed", () => {
    const script = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts["db:migrate"]!;
    const migrate = containerOf(migrateJob, "migrate");
    assert.deepEqual(migrate.command, script.split(" "), `the Job runs \`${script}\` (npm itself would write under a read-only home)`);
    assert.ok(existsSync(join(root, migrate.command!.at(-1)!)));
    assert.deepEqual(containerOf(seedJob, "seed").command, [...script.split(" "), "--seed"]);
    assert.equal(podOf(migrateJob).spec.containers.length, 1);
    assert.ok(["Never", "OnFailure"].includes(migrateJob.spec.template.spec.restartPolicy));
    // Variables the scripts read (migrate.ts, and the seed with --seed), DATABASE_URL among them.
    for (const [job, files] of [[migrateJob, ["scripts/migrate.ts"]], [seedJob, ["scripts/migrate.ts", "prisma/seed.ts"]]] as const) {
      const container = podOf(job).spec.containers[0]!;
      const sources = files.map(read).join("\n");
      assert.ok(environment(container, objects).has("DATABASE_URL"), `${job.metadata.name} is given DATABASE_URL`);
      for (const name of (container.env ?? []).map((v) => v.name)) assert.match(sources, new RegExp(`process\\.env\\.${name}\\b`), `${job.metadata.name}: ${files.join(" or ")} reads ${name}`);
    }
  });

  it("every container runs the one image, which the kustomizations set alike", () => {
    const images = new Set(workloads.flatMap((w) => podOf(w).spec.containers.map((c) => c.image)));
    assert.equal(images.size, 1, [...images].join(", "));
    const [image] = images;
    assert.ok(kustomization.images?.some((i) => i.name === image!.split(":")[0]), "kustomization.yaml's images names it");
    assert.deepEqual(bootstrap.kustomization.images, kustomization.images, "bootstrap/ runs the base's image");
    assert.equal(kustomization.namespace, bootstrap.kustomization.namespace);
  });

  it("runs as the image's non-root user, with a read-only root, no privilege escalation, no capabilities, /tmp writable", () => {
    const uid = Number(/^USER (\d+)/m.exec(read("docker/Dockerfile"))?.[1]);
    assert.ok(uid > 0, "the Dockerfile's USER is numeric (runAsNonRoot can only verify a number)");
    for (const workload of workloads) {
      const { spec } = podOf(workload);
      const at = workload.metadata.name;
      assert.equal(spec.securityContext?.runAsNonRoot, true, at);
      assert.equal(spec.securityContext?.runAsUser, uid, `${at} runs as the image's user`);
      assert.equal(spec.securityContext?.seccompProfile?.type, "RuntimeDefault", at);
      for (const c of spec.containers) {
        assert.equal(c.securityContext?.allowPrivilegeEscalation, false, at);
        assert.equal(c.securityContext?.readOnlyRootFilesystem, true, at);
        assert.deepEqual(c.securityContext?.capabilities?.drop, ["ALL"], at);
        assert.ok(c.resources?.requests?.memory && c.resources.limits?.memory, `${at}: memory request and limit`);
        const tmp = c.volumeMounts?.find((m) => m.mountPath === "/tmp");
        assert.ok(tmp && spec.volumes?.find((v) => v.name === tmp.name)?.emptyDir, `${at}: /tmp is an emptyDir (tsx's compile cache)`);
        for (const m of c.volumeMounts ?? []) assert.ok(spec.volumes?.some((v) => v.name === m.name), `${at}: volume ${m.name} exists`);
      }
    }
  });

  it("no Secret is applied from the repository; the template holds placeholders only, with every key the manifests ask for", () => {
    for (const o of [...objects, ...bootstrap.objects]) assert.notEqual(o.kind, "Secret", `${o.file} would commit a Secret`);
    assert.ok(!kustomization.resources.includes("secret.example.yaml"));
    for (const [key, value] of Object.entries(secretTemplate.stringData ?? {})) assert.match(value, /CHANGE-ME/, `${key} is a placeholder`);
    for (const w of workloads) {
      for (const c of podOf(w).spec.containers) {
        for (const [name, source] of environment(c, objects)) {
          if (source.from !== "secret") continue;
          assert.equal(source.secret, secretTemplate.metadata.name, `${w.metadata.name}: ${name}`);
          assert.ok(source.key in (secretTemplate.stringData ?? {}), `${w.metadata.name}: the template has ${source.key}`);
        }
      }
    }
  });

  it("every object is in the kustomization's namespace, and every pod-template label set carries the app name", () => {
    for (const o of [...objects, ...bootstrap.objects]) if (o.kind !== "Namespace") assert.equal(o.metadata.namespace, kustomization.namespace, `${o.kind} ${o.metadata.name}`);
    assert.equal(find(objects, "Namespace", kustomization.namespace!).metadata.labels?.["pod-security.kubernetes.io/enforce"], "restricted");
    for (const w of workloads) assert.ok(selects({ "app.kubernetes.io/name": w.metadata.name }, podOf(w).labels), w.metadata.name);
    for (const d of [gatewayDeployment, consoleDeployment]) assert.ok(selects(d.spec.selector.matchLabels, podOf(d).labels), `${d.metadata.name}'s selector matches its pods`);
  });
});
