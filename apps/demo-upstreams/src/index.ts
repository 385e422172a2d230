export { startDemoUpstream, type DemoUpstream, type DemoUpstreamOptions, type DemoUpstreamState, type DownMode } from "./server.ts";
export { startControlServer, type ControlServer } from "./control.ts";
