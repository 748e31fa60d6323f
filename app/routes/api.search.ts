import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFromRequest } from "#app/i18n/index.ts";
import { readSearchParams, searchKennisbank } from "#app/modules/kennisbank/search.server.ts";

/**
 * GET /api/search?q=&kind=&topic=&medium=&locale=&limit=&offset=
 * → { hits: [{ slug, locale, title, kind, summary, snippet, score }], facets, total, engine, tookMs }, and
 * `suggestion` when a word was found nowhere and a similar one was searched for too.
 * An empty q with filters lists everything that matches them.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = readSearchParams(url);
  const result = await searchKennisbank(context, params, params.locale ?? localeFromRequest(request));
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}
