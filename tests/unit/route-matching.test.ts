import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { memoizedMatchRoutes, rememberRouteMatches, sameShape } from "#app/server/route-matching.ts";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };

const require = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
const router = require("@remix-run/router") as {
  matchRoutes: ((routes: Route[], location: string | { pathname: string }, basename?: string) => unknown) & {
    original?: (routes: Route[], location: string | { pathname: string }, basename?: string) => unknown;
  };
};
const original = (router.matchRoutes.original ?? router.matchRoutes) as Parameters<
  typeof memoizedMatchRoutes
>[0];

/** A tree like the app's (flat routes under root) with the cases route ranking cares about. */
function tree(extra: Route[] = []): Route[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        { id: "routes/account._index", path: "account", index: true },
        { id: "routes/account.tweede-factor", path: "account/tweede-factor" },
        { id: "routes/intervisie._index", path: "intervisie", index: true },
        { id: "routes/intervisie.groepen._index", path: "intervisie/groepen", index: true },
        { id: "routes/intervisie.groepen.$id", path: "intervisie/groepen/:id" },
        { id: "routes/intervisie.groepen.$id_.sessies.nieuw", path: "intervisie/groepen/:id/sessies/nieuw" },
        { id: "routes/intervisie.sessies.$id", path: "intervisie/sessies/:id" },
        { id: "routes/intervisie.sessies.$id[.]ics", path: "intervisie/sessies/:id.ics" },
        { id: "routes/kennisbank.$slug", path: "kennisbank/:slug" },
        { id: "routes/trends[.]csv", path: "trends.csv" },
        { id: "routes/optional", path: "lijst/:pagina?" },
        { id: "routes/Hoofdletters", path: "Hoofdletters", caseSensitive: true },
        {
          id: "routes/layout",
          children: [
            { id: "routes/layout.a", path: "binnen/a" },
            { id: "routes/layout.index", path: "binnen", index: true },
          ],
        },
        { id: "routes/twin-1", path: "tweeling/:x" },
        { id: "routes/twin-2", path: "tweeling/:y" },
        ...extra,
        { id: "routes/$", path: "*" },
      ],
    },
  ];
}
/** A new tree each time, as Remix makes new route objects for each render. */
const copy = (routes: Route[]): Route[] =>
  routes.map((route) => ({ ...route, children: route.children ? copy(route.children) : undefined }));

const paths = [
  "/",
  "/account",
  "/account/",
  "/account/tweede-factor",
  "/intervisie",
  "/intervisie/groepen",
  "/intervisie/groepen/12",
  "/intervisie/groepen/12/sessies/nieuw",
  "/intervisie/sessies/7",
  "/intervisie/sessies/7.ics",
  "/kennisbank/u-matic",
  "/kennisbank/caf%C3%A9",
  "/trends.csv",
  "/lijst",
  "/lijst/3",
  "/Hoofdletters",
  "/hoofdletters",
  "/binnen",
  "/binnen/a",
  "/tweeling/1",
  "/bestaat/niet/echt",
  "",
];

/** What a caller can see of a result, with the route as its id. */
function plain(
  result: unknown,
): { id: string; params: object; pathname: string; pathnameBase: string }[] | null {
  if (!result) return null;
  return (result as { route: Route; params: object; pathname: string; pathnameBase: string }[]).map((m) => ({
    id: m.route.id,
    params: m.params,
    pathname: m.pathname,
    pathnameBase: m.pathnameBase,
  }));
}

describe("remembered route matches", () => {
  it("answers as @remix-run/router does, the first time and from memory", () => {
    const memo = memoizedMatchRoutes(original);
    for (const basename of ["/", "/app"]) {
      for (const path of paths) {
        for (const location of [basename === "/" ? path : `/app${path}`, { pathname: path }]) {
          const expected = plain(original(copy(tree()), location, basename));
          expect(plain(memo(copy(tree()), location, basename)), `${basename} ${path}`).toEqual(expected);
          expect(plain(memo(copy(tree()), location, basename)), `${basename} ${path}`).toEqual(expected);
        }
      }
    }
  });

  it("gives the route objects of the tree it is asked about, and params of its own", () => {
    const memo = memoizedMatchRoutes(original);
    memo(copy(tree()), "/intervisie/groepen/12");
    const routes = copy(tree());
    const matches = memo(routes, "/intervisie/groepen/12") as {
      route: Route;
      params: Record<string, string>;
    }[];
    expect(matches[0]?.route).toBe(routes[0]);
    expect(matches[1]?.route).toBe(routes[0]?.children?.[5]);
    expect(matches[0]?.params).toBe(matches[1]?.params);
    (matches[0] as { params: Record<string, string> }).params.id = "99";
    const again = memo(copy(tree()), "/intervisie/groepen/12") as { params: Record<string, string> }[];
    expect(again[0]?.params).toEqual({ id: "12" });
  });

  it("does not use what it remembered for a tree of another shape", () => {
    const memo = memoizedMatchRoutes(original);
    expect(plain(memo(copy(tree()), "/kennisbank/nieuw"))?.[1]?.id).toBe("routes/kennisbank.$slug");
    const grown = tree([{ id: "routes/kennisbank.nieuw", path: "kennisbank/nieuw" }]);
    expect(sameShape(grown, tree())).toBe(false);
    expect(plain(memo(copy(grown), "/kennisbank/nieuw"))?.[1]?.id).toBe("routes/kennisbank.nieuw");
    const flagged = tree();
    (flagged[0]?.children?.[12] as Route).caseSensitive = false;
    expect(sameShape(flagged, tree())).toBe(false);
    expect(plain(memo(copy(flagged), "/hoofdletters"))?.[1]?.id).toBe("routes/Hoofdletters");
  });

  it("is installed once in the module Remix's server runtime calls", () => {
    rememberRouteMatches();
    const installed = router.matchRoutes;
    expect(installed.original).toBeTypeOf("function");
    rememberRouteMatches();
    expect(router.matchRoutes).toBe(installed);
    expect(plain(router.matchRoutes(copy(tree()), "/account"))).toEqual(
      plain(installed.original?.(copy(tree()), "/account")),
    );
  });
});
