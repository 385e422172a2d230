// Each route's own chain of route stages, compiled once per route of a revision (with the route
// table, when a revision loads) from the stage list of order.ts: a stage is in a route's chain
// only when the route's policies need it (APISIX filters its plugins per route; fastify skips an
// empty hook list), so a public route without a body limit to enforce pays for nothing else.
import type { CompiledConfig, CompiledRoute } from "../config/compiled.ts";
import { compose } from "./compose.ts";
import type { RouteContext } from "./context.ts";
import type { RouteStage } from "./stage.ts";

export interface RouteStageSpec {
  /** Whether this route's chain holds the stage. */
  applies(route: CompiledRoute, config: CompiledConfig): boolean;
  stage: RouteStage;
  /** In the chain of a WebSocket upgrade on a route with `websocket` (before its connect stage): as well as in the HTTP chain, or only there. */
  upgrade?: "also" | "only";
}

/** The ends of upgrade chains: the connect of WebSocket routes, the refusal of the others. */
export interface UpgradeEnds {
  connect: RouteStage;
  refuse: RouteStage;
}

export type RouteChain = (ctx: RouteContext) => Promise<void>;

export interface RouteChains {
  /** Runs the chain of ctx.match.route (compiled on first use if its revision was not prepared). */
  run(ctx: RouteContext): Promise<void>;
  /** Compiles the chains of every route of a revision; called when a revision loads. */
  prepare(config: CompiledConfig): void;
  /** The stage names of a route's chain, in order (tests, the admin API). */
  names(route: CompiledRoute, config: CompiledConfig): string[];
}

export function routeChains(specs: readonly RouteStageSpec[], upgrades: UpgradeEnds): RouteChains {
  // Keyed by the compiled route: a revision's routes go when nothing refers to it any more.
  const chains = new WeakMap<CompiledRoute, RouteChain>();
  const upgradeChains = new WeakMap<CompiledRoute, RouteChain>();
  const refuse = compose([upgrades.refuse]);
  const upgradeChain = (route: CompiledRoute, config: CompiledConfig): RouteChain => {
    let chain = upgradeChains.get(route);
    if (!chain) upgradeChains.set(route, (chain = route.websocket ? compose([...specs.filter((s) => s.upgrade && s.applies(route, config)).map((s) => s.stage), upgrades.connect]) : refuse));
    return chain;
  };
  const select = (route: CompiledRoute, config: CompiledConfig) => specs.filter((s) => s.upgrade !== "only" && s.applies(route, config)).map((s) => s.stage);
  const compile = (route: CompiledRoute, config: CompiledConfig): RouteChain => {
    const chain = compose(select(route, config));
    chains.set(route, chain);
    return chain;
  };
  return {
    run: (ctx) => (ctx.upgrade ? upgradeChain(ctx.match.route, ctx.config) : (chains.get(ctx.match.route) ?? compile(ctx.match.route, ctx.config)))(ctx),
    prepare(config) {
      for (const route of config.routes) if (!chains.has(route)) compile(route, config);
    },
    names: (route, config) => select(route, config).map((stage) => stage.name),
  };
}
