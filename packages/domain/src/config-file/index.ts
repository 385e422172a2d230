export * from "./format.ts";
export * from "./api.ts";
export * from "./serialise.ts";
export * from "./parse.ts";
export * from "./unknown-fields.ts";
export * from "./safety-weakening.ts";
