import { readSeedContent } from "#db/seed/content.server.ts";
import type { SearchDocument } from "#search/types.ts";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Articles made of the seed's own words, drawn as often as they occur in the seed (so the word
 * frequencies follow real Dutch text: common words are common, carrier names are rare), so that
 * queries hit them as they would hit real articles.
 */
export function corpus(n: number): SearchDocument[] {
  const counts = new Map<string, number>();
  for (const c of readSeedContent()) {
    for (const w of `${c.title} ${c.summary} ${c.body}`.toLowerCase().match(/\p{L}{3,}/gu) ?? []) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const words = [...counts.keys()];
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of words) {
    sum += counts.get(w)!;
    cumulative.push(sum);
  }
  const random = rng(42);
  const draw = () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const pick = (k: number) => Array.from({ length: k }, draw).join(" ");
  const kinds = ["drager", "juridisch", "praktijk", "wegwijzer"];
  const topics = [
    "metadata",
    "digitisation",
    "copyright",
    "outsourcing",
    "storage",
    "born_digital",
    "avg",
    "ai",
    "carriers",
  ];
  const media = ["audio", "video", "film", null];
  return Array.from({ length: n }, (_, i) => ({
    id: `gen-${i}:nl`,
    slug: `gen-${i}`,
    locale: "nl" as const,
    kind: kinds[i % 4]!,
    title: pick(4),
    aliases: [],
    summary: pick(25),
    body: pick(400),
    topics: [topics[i % 9]!, topics[(i * 7) % 9]!],
    medium: media[i % 4]!,
    institutionTypes: [],
  }));
}
