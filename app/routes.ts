import { flatRoutes } from "@remix-run/fs-routes";
import { prefix, type RouteConfig, type RouteConfigEntry } from "@remix-run/route-config";
import remixConfig from "../remix.config.js";

// File-based routes (one file per URL in app/routes/), with the ignore patterns kept in
// remix.config.js. Every route answers twice: in Dutch at `/…` and in English at `/en/…`
// (decision 020). The English copy uses the same files under ids prefixed with `en/`; the page's
// language comes from the URL (app/i18n/index.ts, localeFromRequest).
/** The same routes under new ids: `en/` before each (ids must be unique across the config). */
function englishIds(routes: RouteConfigEntry[]): RouteConfigEntry[] {
  return routes.map((route) => ({
    ...route,
    id: `en/${route.id ?? route.file.replace(/\.[jt]sx?$/, "")}`,
    children: route.children ? englishIds(route.children) : undefined,
  }));
}

export default flatRoutes({ ignoredRouteFiles: remixConfig.ignoredRouteFiles }).then((dutch) => [
  ...dutch,
  ...prefix("en", englishIds(dutch)),
]) satisfies RouteConfig;
