// Route trees made once per build instead of once per request (issue #21). For every page Remix
// builds the same trees again: @remix-run/react's `createServerRoutes` turns the manifest into
// React routes and react-router's `createStaticRouter` converts those into data routes (both
// walk all ~130 routes; 7 % of a member page's CPU in a profile), and the static handler's
// `query` matches the URL against the whole tree once more with the router's own, unremembered
// `matchRoutes` (7 %). `rememberRouteTrees` makes the first two return the trees they made for
// the same build before, and lets the static handler match against only the branch the URL
// matches (which the remembered `matchRoutes` of route-matching.ts knows): one handler per
// matched branch, made the first time that branch is asked for.
//
// The trees are only read while a page is rendered (every request gets its own router state,
// matches and loader data), so one tree can serve all requests. Like route-matching.ts this
// replaces exports on the module objects the callers use; a call from inside a module is not
// reached and stays as it was.
import { createRequire } from "node:module";
import path from "node:path";

type Route = { id: string; path?: string; index?: boolean; children?: Route[] };
type Match = { route: Route };
type MatchRoutes = (routes: Route[], location: string, basename?: string) => Match[] | null;

type CreateServerRoutes = (
  manifest: object,
  routeModules: Record<string, unknown>,
  future: unknown,
  isSpaMode: boolean,
  ...internal: unknown[]
) => Route[];

/** `createServerRoutes` that returns the same tree for the same manifest, modules and flags. */
export function memoizedCreateServerRoutes(original: CreateServerRoutes): CreateServerRoutes & {
  original: CreateServerRoutes;
} {
  const made = new WeakMap<
    object,
    { routeModules: Record<string, unknown>; future: unknown; isSpaMode: boolean; routes: Route[] }
  >();
  const createServerRoutes: CreateServerRoutes = (manifest, routeModules, future, isSpaMode, ...internal) => {
    if (internal.length > 0) return original(manifest, routeModules, future, isSpaMode, ...internal);
    const hit = made.get(manifest);
    // The route modules object is new for each request; its modules are the build's.
    if (
      hit &&
      hit.future === future &&
      hit.isSpaMode === isSpaMode &&
      sameValues(hit.routeModules, routeModules)
    )
      return hit.routes;
    const routes = original(manifest, routeModules, future, isSpaMode);
    made.set(manifest, { routeModules: { ...routeModules }, future, isSpaMode, routes });
    return routes;
  };
  return Object.assign(createServerRoutes, { original });
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let count = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    count++;
  }
  return Object.keys(b).length === count;
}

type ConvertRoutes = (
  routes: Route[],
  mapRouteProperties: unknown,
  parentPath?: string[],
  manifest?: Record<string, Route>,
) => Route[];

/**
 * `convertRoutesToDataRoutes` that returns the same data routes for the same input tree (the
 * remembered server routes above) and fills the caller's manifest from the remembered one.
 */
export function memoizedConvertRoutes(original: ConvertRoutes): ConvertRoutes & { original: ConvertRoutes } {
  const made = new WeakMap<
    Route[],
    { mapRouteProperties: unknown; dataRoutes: Route[]; manifest: Record<string, Route> }
  >();
  const convert: ConvertRoutes = (routes, mapRouteProperties, parentPath, manifest) => {
    if ((parentPath && parentPath.length > 0) || (manifest && Object.keys(manifest).length > 0))
      return original(routes, mapRouteProperties, parentPath, manifest);
    let hit = made.get(routes);
    if (!hit || hit.mapRouteProperties !== mapRouteProperties) {
      const own: Record<string, Route> = {};
      hit = {
        mapRouteProperties,
        dataRoutes: original(routes, mapRouteProperties, undefined, own),
        manifest: own,
      };
      made.set(routes, hit);
    }
    if (manifest) Object.assign(manifest, hit.manifest);
    return hit.dataRoutes;
  };
  return Object.assign(convert, { original });
}

type QueryOptions = Record<string, unknown>;
type StaticHandler = {
  dataRoutes: Route[];
  query(request: Request, options?: QueryOptions): Promise<unknown>;
  queryRoute(request: Request, options?: QueryOptions): Promise<unknown>;
};
type CreateStaticHandler = (routes: Route[], options?: { basename?: string }) => StaticHandler;

/** The tree with only the routes of one branch: each route on it keeps only its next one. */
export function branchOf(routes: Route[], ids: string[]): Route[] | null {
  const [id, ...rest] = ids;
  const route = routes.find((candidate) => candidate.id === id);
  if (!route) return null;
  if (rest.length === 0) return [route.index ? { ...route } : { ...route, children: [] }];
  const children = branchOf(route.children ?? [], rest);
  return children && [{ ...route, children }];
}

/**
 * `createStaticHandler` whose `query` and `queryRoute` run on a handler made from only the
 * branch the request's path matches in the whole tree (found with `matchRoutes`, the remembered
 * one). A path that matches nothing goes to the handler of the whole tree, as does a branch whose
 * own tree would not give the same matches (checked once, when its handler is made).
 */
export function branchStaticHandlers(
  original: CreateStaticHandler,
  matchRoutes: () => MatchRoutes,
  originalMatchRoutes: MatchRoutes,
): CreateStaticHandler & { original: CreateStaticHandler } {
  const createStaticHandler: CreateStaticHandler = (routes, options) => {
    const whole = original(routes, options);
    const basename = options?.basename || "/";
    // Per branch (its route ids): its own handler, or null to use the whole tree's.
    const handlers = new Map<string, StaticHandler | null>();
    const handlerFor = (request: Request): StaticHandler => {
      const pathname = new URL(request.url).pathname;
      const matches = matchRoutes()(whole.dataRoutes, pathname, basename);
      if (!matches) return whole;
      const ids = matches.map((match) => match.route.id);
      const key = ids.join("\n");
      let handler = handlers.get(key);
      if (handler === undefined) {
        const branch = branchOf(routes, ids);
        const same =
          branch !== null &&
          originalMatchRoutes(branch, pathname, basename)
            ?.map((match) => match.route.id)
            .join("\n") === key;
        handler = same && branch ? original(branch, options) : null;
        handlers.set(key, handler);
      }
      return handler ?? whole;
    };
    return {
      ...whole,
      dataRoutes: whole.dataRoutes,
      query: (request, queryOptions) => handlerFor(request).query(request, queryOptions),
      queryRoute: (request, queryOptions) => handlerFor(request).queryRoute(request, queryOptions),
    };
  };
  return Object.assign(createStaticHandler, { original });
}

/**
 * Puts the remembering functions in place of the exports that Remix's server runtime,
 * @remix-run/react's `RemixServer` and react-router-dom's `createStaticRouter` call. Call once,
 * after `rememberRouteMatches` and before the first request.
 */
export function rememberRouteTrees(): void {
  const resolve = createRequire(import.meta.url).resolve;
  const runtimeRequire = createRequire(resolve("@remix-run/server-runtime"));
  const router = runtimeRequire("@remix-run/router") as {
    matchRoutes: MatchRoutes & { original?: MatchRoutes };
    createStaticHandler: CreateStaticHandler & { original?: CreateStaticHandler };
    UNSAFE_convertRoutesToDataRoutes: ConvertRoutes & { original?: ConvertRoutes };
  };
  if (!router.createStaticHandler.original)
    router.createStaticHandler = branchStaticHandlers(
      router.createStaticHandler,
      () => router.matchRoutes,
      router.matchRoutes.original ?? router.matchRoutes,
    );
  // react-router-dom/server converts the routes with the router it requires (the same copy).
  const domRouter = createRequire(resolve("react-router-dom/server"))("@remix-run/router") as typeof router;
  for (const copy of new Set([router, domRouter]))
    if (!copy.UNSAFE_convertRoutesToDataRoutes.original)
      copy.UNSAFE_convertRoutesToDataRoutes = memoizedConvertRoutes(copy.UNSAFE_convertRoutesToDataRoutes);
  // RemixServer calls `routes.createServerRoutes` of its own dist/routes.js.
  const remixRoutes = createRequire(resolve("@remix-run/react"))(
    path.join(path.dirname(resolve("@remix-run/react")), "routes.js"),
  ) as { createServerRoutes: CreateServerRoutes & { original?: CreateServerRoutes } };
  if (!remixRoutes.createServerRoutes.original)
    remixRoutes.createServerRoutes = memoizedCreateServerRoutes(remixRoutes.createServerRoutes);
}
