import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { recordMiss } from "#search/service.ts";
import type { SearchResult } from "#search/types.ts";
import { topics } from "../taxonomy.ts";
import { articleKinds, media } from "./model.ts";

/** The search parameters as they appear in URLs (/api/search and /kennisbank). */
export const searchParamsSchema = z.object({
  q: z.string().max(200).catch("").default(""),
  // The article kinds, and `bron`: the registered sources (sources.server.ts).
  kind: z
    .enum([...articleKinds, "bron"])
    .optional()
    .catch(undefined),
  topic: z
    .enum(topics.map((t) => t.key) as [string, ...string[]])
    .optional()
    .catch(undefined),
  medium: z.enum(media).optional().catch(undefined),
  locale: z.enum(["nl", "en"]).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).catch(20).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).catch(0).default(0),
});

export type SearchParams = z.infer<typeof searchParamsSchema>;

export function readSearchParams(url: URL, aliases: Record<string, string> = {}): SearchParams {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[aliases[key] ?? key] = value;
  return searchParamsSchema.parse(raw);
}

/** Runs a search for a page or the API, and counts it when a real query found nothing. */
export async function searchKennisbank(
  context: AppLoadContext,
  params: SearchParams,
  locale: "nl" | "en",
): Promise<SearchResult> {
  const result = await context.search.query({ ...params, locale: params.locale ?? locale });
  if (result.total === 0 && params.q.trim() && params.offset === 0) {
    await recordMiss(context.db, params.q);
  }
  return result;
}
