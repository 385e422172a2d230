// The model artefact (model/crisis-model.bin): "TTACM001", a u32 header length, a JSON header
// (dims, scales, biases, signal weights, thresholds, how it was trained), then the int8 weights.
// Written deterministically: the same corpus gives the same bytes.
import { H, HEADS, type CrisisModel } from "./model.ts";
import { SIGNAL_NAMES } from "./signals.ts";

const MAGIC = "TTACM001";

export function encodeModel(model: CrisisModel): Uint8Array {
  const header = JSON.stringify({
    dims: model.dims,
    heads: HEADS,
    signals: SIGNAL_NAMES,
    scales: [...model.scales],
    bias: [...model.bias],
    signalWeights: [...model.signalWeights],
    thresholds: model.thresholds,
    meta: model.meta,
  });
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + 4 + head.length + model.weights.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, head.length, true);
  out.set(head, 12);
  out.set(new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.length), 12 + head.length);
  return out;
}

export function decodeModel(bytes: Uint8Array): CrisisModel {
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error("not a TTA crisis model (bad magic)");
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as {
    dims: number; heads: string[]; signals: string[]; scales: number[]; bias: number[]; signalWeights: number[];
    thresholds: CrisisModel["thresholds"]; meta: Record<string, unknown>;
  };
  if (header.heads.join() !== HEADS.join()) throw new Error(`crisis model heads ${header.heads} differ from this build's ${HEADS}`);
  if (header.signals.join() !== SIGNAL_NAMES.join()) throw new Error("crisis model was trained with other clinical signals: retrain (npm run train:safety)");
  const weights = new Int8Array(bytes.length - 12 - length);
  weights.set(new Int8Array(bytes.buffer, bytes.byteOffset + 12 + length, weights.length)); // a copy: a Buffer's .buffer may be a shared pool
  if (weights.length !== header.dims * H) throw new Error(`crisis model weights: ${weights.length}, expected ${header.dims * H}`);
  return {
    dims: header.dims,
    weights,
    scales: Float64Array.from(header.scales),
    bias: Float64Array.from(header.bias),
    signalWeights: Float64Array.from(header.signalWeights),
    thresholds: header.thresholds,
    meta: header.meta,
  };
}
