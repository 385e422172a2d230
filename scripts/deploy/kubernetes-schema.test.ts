// deploy/kubernetes against Kubernetes' own OpenAPI schemas (kubernetes-models: types, required
// fields, formats, enums), against its TypeScript interfaces for unknown fields (a misspelt
// `readinesProbe` passes the schemas but is refused by kubectl's strict field validation, or worse,
// ignored), and, where kubectl is installed, as kustomize renders it: every file listed, the
// namespace and the image applied to all.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Secret, Service } from "kubernetes-models/v1";
import { join } from "node:path";
import ts from "typescript";
import { parseAllDocuments } from "yaml";
import { loadFile, loadKustomization, root, type KubeObject } from "./kube-files.ts";

/** Each kind the manifests use, by apiVersion/kind: a new kind must be added here to be checked. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "batch/v1/Job": Job,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
};

const DIR = "deploy/kubernetes";
const base = loadKustomization(DIR);
const all: KubeObject[] = [...base.objects, ...loadKustomization(`${DIR}/bootstrap`).objects, ...loadFile(`${DIR}/secret.example.yaml`)];

function validate(object: KubeObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  assert.ok(Model, `${object.file}: no schema for ${object.apiVersion} ${object.kind} (add it to MODELS)`);
  const { file, ...data } = object;
  try {
    new Model(data as never).validate();
  } catch (error) {
    assert.fail(`${file}: ${object.kind} ${object.metadata.name}: ${(error as Error).message}`);
  }
}

/**
 * Type-checks each object as an object literal of its kubernetes-models interface, in memory:
 * TypeScript's excess-property check names every field Kubernetes does not have. One message per
 * problem, prefixed with the object's file and name.
 */
function unknownFields(objects: readonly KubeObject[]): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] };
  const files = new Map(
    objects.map((object, i) => {
      const { file: _file, ...data } = object;
      const module = `kubernetes-models/${object.apiVersion}/${object.kind}`;
      return [join(root, `scripts/deploy/__schema_check_${i}__.ts`), { object, text: `import type { I${object.kind} } from "${module}";\nexport const o: I${object.kind} = ${JSON.stringify(data, null, 1)};\n` }];
    }),
  );
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) => (files.has(name) ? ts.createSourceFile(name, files.get(name)!.text, language) : getSourceFile.call(host, name, language, ...rest));
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && files.get(d.file.fileName)?.object;
    return `${at ? `${at.file}: ${at.kind} ${at.metadata.name}` : d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

describe("deploy/kubernetes and Kubernetes' schemas", () => {
  it("every object is valid for its apiVersion and kind", () => {
    assert.ok(all.length >= 14);
    for (const object of all) validate(object);
  });

  it("the schema check refuses a wrong object (it is not a check that cannot fail)", () => {
    const deployment = structuredClone(base.objects.find((o) => o.kind === "Deployment")!);
    deployment.spec.template.spec.containers[0].ports[0].containerPort = "8080";
    assert.throws(() => validate(deployment), /containerPort must be integer/);
    delete deployment.spec.template.spec.containers[0].ports[0].containerPort;
    assert.throws(() => validate(deployment), /containerPort/);
  });

  it("no object has a field Kubernetes does not know", () => {
    assert.deepEqual(unknownFields(all), []);
  });

  it("the field check names a misspelt field (it is not a check that cannot fail)", () => {
    const deployment = structuredClone(base.objects.find((o) => o.kind === "Deployment")!);
    const container = deployment.spec.template.spec.containers[0];
    container.readinesProbe = container.readinessProbe;
    const problems = unknownFields([deployment]);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0]!, /readinesProbe/);
  });

  const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
  it("kustomize renders every listed object, in the namespace, with the kustomization's image", { skip: kubectl.status === 0 ? false : "kubectl is not installed" }, () => {
    const rendered = spawnSync("kubectl", ["kustomize", DIR], { cwd: root, encoding: "utf8" });
    assert.equal(rendered.status, 0, rendered.stderr);
    const objects = parseAllDocuments(rendered.stdout).map((d) => d.toJS() as KubeObject);
    const key = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
    assert.deepEqual(objects.map(key).sort(), base.objects.map(key).sort());
    const image = base.kustomization.images!.map((i) => `${i.newName ?? i.name}:${i.newTag}`)[0];
    for (const o of objects) {
      if (o.kind !== "Namespace") assert.equal(o.metadata.namespace, base.kustomization.namespace, key(o));
      for (const c of o.spec?.template?.spec?.containers ?? []) assert.equal(c.image, image, key(o));
    }
  });
});
