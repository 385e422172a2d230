export * from "./ids.ts";
export * from "./errors.ts";
export * from "./channels.ts";
export * from "./path-pattern.ts";
export * from "./schemas.ts";
export * from "./validation.ts";
export * from "./checksum.ts";
