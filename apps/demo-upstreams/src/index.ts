export { startDemoUpstream, type DemoUpstream, type DemoUpstreamOptions, type DemoUpstreamState, type DownMode } from "./server.ts";
export { startControlServer, type ControlServer } from "./control.ts";
export { TokenIssuer, type TokenPair, type TokenIssuerOptions } from "./auth/token-issuer.ts";
export { DEMO_USERS, type DemoUser } from "./auth/users.ts";
export { registerDemoServices } from "./self-registration.ts";
