export { startDemoUpstream, type DemoUpstream, type DemoUpstreamOptions } from "./server.ts";
