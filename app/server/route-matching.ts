// Remembered route matches for the server process (issue #21). Remix matches a page's URL
// against all ~65 routes several times per request: `matchServerRoutes`, the static handler,
// `<DataRoutes>` and, for lazy route discovery (`v3_lazyRouteDiscovery`), once more for each
// parent path of the URL. Every call of @remix-run/router's `matchRoutes` flattens the whole
// route tree and sorts it again; with our routes that is 0.3-0.8 ms a call, 1-2 ms of a member
// page (a CPU profile put route matching at 13 % of a member request).
//
// The answer depends only on the shape of the route tree (ids, paths, index and case flags,
// order, nesting), the basename and the path. So `rememberRouteMatches` wraps the module's
// exported `matchRoutes` (which server-runtime and @remix-run/react call through the module
// object) with a cache per tree shape and path. A hit is rebuilt from the routes of the array
// passed in (the routes Remix makes for each render are new objects with the same shape), with
// a new params object, so no caller sees another's objects. The static handler calls the
// function inside its own module; that call is not reached and stays as it was.
import { createRequire } from "node:module";
import { Lru } from "#app/lib/lru.ts";

/** What matching reads of a route (the router's own type is stricter than the callers' objects). */
type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
/** A match as @remix-run/router returns it (AgnosticRouteMatch). */
type Match = {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: Route;
};
type MatchRoutes = (
  routes: Route[],
  location: string | { pathname?: string },
  basename?: string,
) => Match[] | null;

/** A match as indexes into the tree (child positions), so that any tree of the same shape can use it. */
type Remembered = {
  positions: number[];
  params: Record<string, string | undefined>;
  pathnames: string[];
  pathnameBases: string[];
} | null;

/** Paths remembered per route tree shape (each distinct page address is one entry). */
export const PATHS_PER_SHAPE = 2000;
const MAX_SHAPES = 8;

/** Whether two route trees have the same shape: everything `matchRoutes` reads, in order. */
export function sameShape(a: Route[], b: Route[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Route;
    const y = b[i] as Route;
    if (
      x.id !== y.id ||
      x.path !== y.path ||
      Boolean(x.index) !== Boolean(y.index) ||
      Boolean(x.caseSensitive) !== Boolean(y.caseSensitive) ||
      !sameShape(x.children ?? [], y.children ?? [])
    )
      return false;
  }
  return true;
}

/** Positions of the matched routes: each match's route is a child of the one before. */
function positionsOf(routes: Route[], matches: Match[]): number[] | null {
  const positions: number[] = [];
  let level: Route[] | undefined = routes;
  for (const match of matches) {
    const at: number = level ? level.indexOf(match.route) : -1;
    if (at < 0) return null;
    positions.push(at);
    level = match.route.children;
  }
  return positions;
}

function rebuild(routes: Route[], remembered: NonNullable<Remembered>): Match[] | null {
  const params = { ...remembered.params };
  const matches: Match[] = [];
  let level: Route[] | undefined = routes;
  for (let i = 0; i < remembered.positions.length; i++) {
    const route: Route | undefined = level?.[remembered.positions[i] as number];
    if (!route) return null;
    matches.push({
      params,
      pathname: remembered.pathnames[i] as string,
      pathnameBase: remembered.pathnameBases[i] as string,
      route,
    });
    level = route.children;
  }
  return matches;
}

/** `matchRoutes` with remembered answers; `original` is @remix-run/router's own. */
export function memoizedMatchRoutes(original: MatchRoutes): MatchRoutes & { original: MatchRoutes } {
  const cacheOf = new WeakMap<Route[], Lru<string, Remembered>>();
  // One tree of each shape seen (the first), with its cache; newest last.
  const shapes: { routes: Route[]; cache: Lru<string, Remembered> }[] = [];

  function cacheFor(routes: Route[]): Lru<string, Remembered> {
    let cache = cacheOf.get(routes);
    if (cache) return cache;
    cache = shapes.find((shape) => sameShape(shape.routes, routes))?.cache;
    if (!cache) {
      cache = new Lru<string, Remembered>(PATHS_PER_SHAPE);
      // A development server's route tree changes as files change: only the newest few shapes.
      if (shapes.length >= MAX_SHAPES) shapes.shift();
      shapes.push({ routes, cache });
    }
    cacheOf.set(routes, cache);
    return cache;
  }

  const matchRoutes: MatchRoutes = (routes, location, basename = "/") => {
    if (!Array.isArray(routes)) return original(routes, location, basename);
    const pathname = typeof location === "string" ? location : location.pathname;
    // Only plain paths: a search or hash in a string location is parsed by the original.
    if (typeof pathname !== "string" || /[?#]/.test(pathname)) return original(routes, location, basename);
    const cache = cacheFor(routes);
    const key = `${basename}\n${pathname}`;
    const remembered = cache.get(key);
    if (remembered === null) return null;
    if (remembered) {
      const matches = rebuild(routes, remembered);
      if (matches) return matches;
    }
    const matches = original(routes, location, basename);
    if (!matches) {
      cache.set(key, null);
      return null;
    }
    const positions = positionsOf(routes, matches);
    if (positions)
      cache.set(key, {
        positions,
        params: { ...(matches[0]?.params ?? {}) },
        pathnames: matches.map((m) => m.pathname),
        pathnameBases: matches.map((m) => m.pathnameBase),
      });
    return matches;
  };
  return Object.assign(matchRoutes, { original });
}

/**
 * Puts the remembering `matchRoutes` in place of @remix-run/router's export, for the copy of
 * the module that Remix's server runtime loads. Call once, before the first request.
 */
export function rememberRouteMatches(): void {
  const require = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
  const router = require("@remix-run/router") as { matchRoutes: MatchRoutes & { original?: MatchRoutes } };
  if (router.matchRoutes.original) return;
  router.matchRoutes = memoizedMatchRoutes(router.matchRoutes);
}
