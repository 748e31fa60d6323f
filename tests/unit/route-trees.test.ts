import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { memoizedMatchRoutes } from "#app/server/route-matching.ts";
import {
  branchOf,
  branchStaticHandlers,
  memoizedConvertRoutes,
  memoizedCreateServerRoutes,
} from "#app/server/route-trees.ts";

type Args = { request: Request; params: Record<string, string | undefined> };
type Route = {
  id: string;
  path?: string;
  index?: boolean;
  children?: Route[];
  hasErrorBoundary?: boolean;
  loader?: (args: Args) => unknown;
  action?: (args: Args) => unknown;
};

const require = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
type Router = {
  matchRoutes: Parameters<typeof memoizedMatchRoutes>[0] & {
    original?: Parameters<typeof memoizedMatchRoutes>[0];
  };
  createStaticHandler: Parameters<typeof branchStaticHandlers>[0] & {
    original?: Parameters<typeof branchStaticHandlers>[0];
  };
  UNSAFE_convertRoutesToDataRoutes: Parameters<typeof memoizedConvertRoutes>[0] & {
    original?: Parameters<typeof memoizedConvertRoutes>[0];
  };
};
const router = require("@remix-run/router") as Router;
const originalMatch = router.matchRoutes.original ?? router.matchRoutes;
const originalCreate = router.createStaticHandler.original ?? router.createStaticHandler;
const originalConvert =
  router.UNSAFE_convertRoutesToDataRoutes.original ?? router.UNSAFE_convertRoutesToDataRoutes;

/** A tree like the app's, with loaders that say who they are and what they were given. */
function tree(): Route[] {
  const loader =
    (id: string) =>
    ({ params, request }: Args) => {
      if (params.id === "kapot") throw new Error(`${id} faalt`);
      if (params.id === "weg") throw new Response("Niet gevonden", { status: 404 });
      return { id, params: { ...params }, url: request.url };
    };
  const leaf = (id: string, path: string, extra: Partial<Route> = {}): Route => ({
    id,
    path,
    loader: loader(id),
    ...extra,
  });
  return [
    {
      id: "root",
      path: "",
      hasErrorBoundary: true,
      loader: loader("root"),
      children: [
        { id: "routes/_index", index: true, loader: loader("routes/_index") },
        leaf("routes/account._index", "account", { index: true, action: () => ({ saved: true }) }),
        leaf("routes/intervisie.groepen.$id", "intervisie/groepen/:id"),
        leaf("routes/intervisie.sessies.$id", "intervisie/sessies/:id", { hasErrorBoundary: true }),
        leaf("routes/kennisbank", "kennisbank", {
          children: [leaf("routes/kennisbank._index", "", { index: true })],
        }),
        { id: "routes/layout", children: [leaf("routes/layout.a", "binnen/a")] },
        leaf("routes/twin-1", "tweeling/:x"),
        leaf("routes/twin-2", "tweeling/:y"),
        leaf("routes/$", "*"),
      ],
    },
  ];
}

const paths = [
  "/",
  "/account",
  "/account?index",
  "/intervisie/groepen/12",
  "/intervisie/sessies/7",
  "/intervisie/sessies/kapot",
  "/intervisie/sessies/weg",
  "/intervisie/groepen/kapot",
  "/kennisbank",
  "/binnen/a",
  "/tweeling/1",
  "/bestaat/niet",
];

/** What the server runtime reads of a context or response, with routes as ids. */
async function plain(result: unknown): Promise<unknown> {
  if (result instanceof Response) return { status: result.status, body: await result.text() };
  const context = result as {
    matches: { route: { id: string }; params: object; pathname: string }[];
    errors: Record<string, unknown> | null;
  } & Record<string, unknown>;
  return {
    ...context,
    matches: context.matches.map((match) => ({
      id: match.route.id,
      params: match.params,
      pathname: match.pathname,
    })),
    errors: context.errors
      ? Object.fromEntries(
          Object.entries(context.errors).map(([id, error]) => [
            id,
            error instanceof Error ? error.message : JSON.stringify(error),
          ]),
        )
      : null,
  };
}

describe("static handler on the matched branch", () => {
  const memo = memoizedMatchRoutes(originalMatch);

  it("gives the same contexts as a handler of the whole tree", async () => {
    const whole = originalCreate(tree());
    const made: string[][] = [];
    const counting: typeof originalCreate = (routes, options) => {
      made.push(routes.map((route) => route.id));
      return originalCreate(routes, options);
    };
    const branched = branchStaticHandlers(counting, () => memo as never, originalMatch as never)(tree());
    for (let round = 0; round < 2; round++) {
      for (const path of paths) {
        const get = () => new Request(`http://localhost${path}`);
        expect(await plain(await branched.query(get())), path).toEqual(await plain(await whole.query(get())));
        const post = () =>
          new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams({ a: "1" }) });
        expect(await plain(await branched.query(post())), `POST ${path}`).toEqual(
          await plain(await whole.query(post())),
        );
      }
    }
    // The whole tree once, then one handler per matched branch (made once, used again).
    expect(made.length).toBeGreaterThan(5);
    expect(made.length).toBeLessThanOrEqual(1 + paths.length);
  });

  it("answers a route's own request (resource routes) as the whole tree does", async () => {
    const whole = originalCreate(tree());
    const branched = branchStaticHandlers(
      originalCreate,
      () => memo as never,
      originalMatch as never,
    )(tree());
    for (const [path, routeId] of [
      ["/intervisie/groepen/3", "routes/intervisie.groepen.$id"],
      ["/intervisie/groepen/3", "routes/account._index"],
      ["/bestaat/niet", "routes/$"],
    ] as const) {
      const outcome = async (handler: typeof whole) => {
        try {
          return await handler.queryRoute(new Request(`http://localhost${path}`), { routeId });
        } catch (error) {
          return error instanceof Response ? { status: error.status } : String(error);
        }
      };
      expect(await outcome(branched), `${path} ${routeId}`).toEqual(await outcome(whole));
    }
  });

  it("keeps only the routes of one branch", () => {
    const branch = branchOf(tree(), ["root", "routes/kennisbank", "routes/kennisbank._index"]);
    expect(branch?.map((route) => route.id)).toEqual(["root"]);
    expect(branch?.[0]?.children?.map((route) => route.id)).toEqual(["routes/kennisbank"]);
    expect(branch?.[0]?.children?.[0]?.children?.map((route) => route.id)).toEqual([
      "routes/kennisbank._index",
    ]);
    expect(branchOf(tree(), ["root", "routes/bestaat-niet"])).toBeNull();
  });
});

describe("route trees made once", () => {
  it("gives the same server routes for the same manifest and modules, new ones when a module changes", () => {
    let made = 0;
    const create = memoizedCreateServerRoutes(() => {
      made++;
      return [{ id: `root-${made}` }];
    });
    const manifest = {};
    const modules = { root: { default: 1 }, "routes/a": { default: 2 } };
    const future = {};
    const first = create(manifest, { ...modules }, future, false);
    expect(create(manifest, { ...modules }, future, false)).toBe(first);
    expect(made).toBe(1);
    expect(create(manifest, { ...modules, "routes/a": { default: 3 } }, future, false)).not.toBe(first);
    expect(create({}, { ...modules }, future, false)).not.toBe(first);
    expect(create(manifest, { ...modules }, future, true)).not.toBe(first);
    expect(made).toBe(4);
  });

  it("converts a tree once and fills each caller's manifest", () => {
    const convert = memoizedConvertRoutes(originalConvert);
    const routes = tree();
    const map = (route: Route) => ({ hasErrorBoundary: Boolean(route.hasErrorBoundary) });
    const manifest: Record<string, Route> = {};
    const dataRoutes = convert(routes, map, undefined, manifest);
    expect(Object.keys(manifest)).toContain("routes/kennisbank._index");
    const again: Record<string, Route> = {};
    expect(convert(routes, map, undefined, again)).toBe(dataRoutes);
    expect(again).toEqual(manifest);
    expect(again["routes/kennisbank._index"]).toBe(dataRoutes[0]?.children?.[4]?.children?.[0]);
    expect(convert(tree(), map, undefined, {})).not.toBe(dataRoutes);
  });
});
