// Reads deploy/kubernetes as kustomize would list it (the resources of a kustomization.yaml) and
// answers what the deploy tests ask of it: the objects by kind and name, a pod's containers, and
// the environment a container really gets (envFrom ConfigMaps, then its own env, $(VAR) expanded).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

export const root = join(import.meta.dirname, "../..");
export const read = (path: string) => readFileSync(join(root, path), "utf8");

// Only the fields the tests read; the schema test checks the rest against Kubernetes' own.
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // each kind has its own; the tests read what they check
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  /** The file it came from, relative to the repository. */
  file: string;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
}

export interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
  volumes?: Array<{ name: string; emptyDir?: object }>;
}

/** The objects of a kustomization, each document of each listed file, in order. */
export function loadKustomization(dir: string): { kustomization: Kustomization; objects: KubeObject[] } {
  const kustomization = parseAllDocuments(read(join(dir, "kustomization.yaml")))[0]!.toJS() as Kustomization;
  const objects = kustomization.resources.flatMap((file) => loadFile(join(dir, file)));
  return { kustomization, objects };
}

export interface Kustomization {
  namespace?: string;
  resources: string[];
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
}

export function loadFile(path: string): KubeObject[] {
  return parseAllDocuments(read(path))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join("; ")}`);
      return doc.toJS() as KubeObject | null;
    })
    .filter((o): o is KubeObject => o !== null)
    .map((o) => ({ ...o, file: path }));
}

export function find(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${[...new Set(objects.map((o) => o.file))].join(", ")}`);
  return found;
}

/** The pod template of a Deployment or Job. */
export function podOf(workload: KubeObject): { labels: Record<string, string>; annotations: Record<string, string>; spec: PodSpec } {
  const template = workload.spec.template;
  return { labels: template.metadata?.labels ?? {}, annotations: template.metadata?.annotations ?? {}, spec: template.spec };
}

export function containerOf(workload: KubeObject, name: string): Container {
  const container = podOf(workload).spec.containers.find((c) => c.name === name);
  if (!container) throw new Error(`${workload.kind} ${workload.metadata.name} has no container ${name}`);
  return container;
}

/** Where a variable's value comes from, as the kubelet resolves it. */
export type EnvSource =
  | { from: "value"; value: string; configMap?: string }
  | { from: "secret"; secret: string; key: string; optional: boolean }
  | { from: "field"; fieldPath: string };

/** The container's environment: envFrom ConfigMaps in order, then env (which wins), by name. */
export function environment(container: Container, objects: readonly KubeObject[]): Map<string, EnvSource> {
  const env = new Map<string, EnvSource>();
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) throw new Error(`${container.name}: envFrom a Secret hands over every key it holds; name each variable instead`);
    const configMap = find(objects, "ConfigMap", source.configMapRef!.name);
    for (const [name, value] of Object.entries(configMap.data ?? {})) env.set(name, { from: "value", value, configMap: configMap.metadata.name });
  }
  for (const v of container.env ?? []) {
    if (v.value !== undefined) env.set(v.name, { from: "value", value: v.value });
    else if (v.valueFrom?.secretKeyRef) env.set(v.name, { from: "secret", secret: v.valueFrom.secretKeyRef.name, key: v.valueFrom.secretKeyRef.key, optional: v.valueFrom.secretKeyRef.optional ?? false });
    else if (v.valueFrom?.configMapKeyRef) {
      const { name, key } = v.valueFrom.configMapKeyRef;
      const value = find(objects, "ConfigMap", name).data?.[key];
      if (value === undefined) throw new Error(`${container.name}: ${v.name} refers to ${name}/${key}, which does not exist`);
      env.set(v.name, { from: "value", value, configMap: name });
    } else if (v.valueFrom?.fieldRef) env.set(v.name, { from: "field", fieldPath: v.valueFrom.fieldRef.fieldPath });
    else throw new Error(`${container.name}: ${v.name} has neither a value nor a valueFrom`);
  }
  return env;
}

/** Names used only inside other values as $(NAME): the kubelet expands them, the process need not read them. */
export function expansionOnly(container: Container): Set<string> {
  const referenced = new Set((container.env ?? []).flatMap((v) => [...(v.value ?? "").matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((m) => m[1]!)));
  const helpers = new Set<string>();
  for (const v of container.env ?? []) if (v.valueFrom?.fieldRef && referenced.has(v.name)) helpers.add(v.name);
  return helpers;
}

/**
 * The values a process would see, with the given stand-ins for what only a cluster knows (Secret
 * values, pod fields) and $(VAR) expanded as the kubelet does: only from variables defined earlier.
 */
export function resolve(container: Container, objects: readonly KubeObject[], standIns: { secret(secret: string, key: string): string | undefined; field(path: string): string }): Record<string, string> {
  const out: Record<string, string> = {};
  const sources = environment(container, objects);
  const order = [...sources.keys()];
  for (const name of order) {
    const source = sources.get(name)!;
    if (source.from === "secret") {
      const value = standIns.secret(source.secret, source.key);
      if (value !== undefined) out[name] = value;
    } else if (source.from === "field") out[name] = standIns.field(source.fieldPath);
    else out[name] = source.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, ref: string) => (ref in out ? out[ref]! : whole));
  }
  return out;
}

/** A probe's or Service's port, named or numbered, as the container's port number. */
export function portNumber(container: Container, port: string | number): number {
  if (typeof port === "number") return port;
  const found = container.ports?.find((p) => p.name === port);
  if (!found) throw new Error(`${container.name} has no port named ${port}`);
  return found.containerPort;
}

/** matchLabels selects these labels. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** The preStop sleep in seconds (exec `sleep N` or the sleep action), 0 without one. */
export function preStopSeconds(container: Container): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command ?? [];
  return command[0] === "sleep" ? Number(command[1]) : 0;
}

/** The image's runtime ENV (NODE_ENV=production…): what every container starts with. */
export function imageEnv(): Record<string, string> {
  const runtime = read("docker/Dockerfile").split(/^FROM /m).at(-1)!;
  return Object.fromEntries([...runtime.matchAll(/^ENV (.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).map((kv) => kv.split("=") as [string, string])));
}
