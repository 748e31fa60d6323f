// Remix options for the Vite plugin. Pure data: vite.config.ts imports this object and passes
// it to `remix(...)`; app/routes.ts reads `ignoredRouteFiles` from it. See
// docs/decisions/002-remix-config-with-vite.md for why this file exists beside vite.config.ts.

/** @type {import('@remix-run/dev').VitePluginConfig} */
const config = {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  // Files under app/routes that are not routes. With v3_routeConfig the route list itself lives
  // in app/routes.ts (Remix refuses a `routes` option then); it applies these patterns.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/*.css"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    v3_routeConfig: true,
  },
};

export default config;
