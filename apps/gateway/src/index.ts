export { startGateway, type Gateway, type GatewayOptions } from "./gateway.ts";
export { createLogger } from "./logger.ts";
