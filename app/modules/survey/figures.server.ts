// The report's figures for a request: computed from the imported waves when there are any,
// else the numbers the report prints. Computed once per version of the imported data.

import type { DB } from "#db/client.server.ts";
import { computedFigures, type FigureSource, type FigureView, publishedFigures } from "./figures.ts";
import { loadTrendData, memoByVersion } from "./trends.server.ts";

export interface FigureSet {
  source: FigureSource;
  /** Imported waves (empty for the published figures). */
  waves: number[];
  figures: FigureView[];
}

const published: FigureView[] = publishedFigures();
const computed = memoByVersion<FigureView[]>();

/** `checks`: add the comparison with the printed numbers (moderators only). */
export async function loadFigures(db: DB, options: { checks?: boolean } = {}): Promise<FigureSet> {
  const data = await loadTrendData(db);
  if (!data.waves.length) return { source: "published", waves: [], figures: published };
  const checks = options.checks ?? false;
  const figures = computed(data, checks ? "checks" : "public", () =>
    computedFigures(data.rows, data.waves, { checks }),
  );
  return { source: "respondents", waves: data.waves, figures };
}
