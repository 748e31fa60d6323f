import { readSeedContent } from "#db/seed/content.server.ts";
import type { SearchDocument } from "#search/types.ts";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Draws words in proportion to how often they occur in a text. */
function sampler(text: string, random: () => number) {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/\p{L}{3,}/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.keys()];
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of words) {
    sum += counts.get(w)!;
    cumulative.push(sum);
  }
  return () => {
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
}

/**
 * Generated articles built from the seed's words.
 * - "topical" (default): each article is about one seed article's subject: 70 % of its words come
 *   from that article, 30 % from the whole seed, as a new guide on a subject reuses its vocabulary.
 * - "mixed": every word drawn from the whole seed (a worst case: every article mentions a bit of
 *   everything, so common queries match a large part of the corpus).
 */
export function corpus(n: number, mode: "topical" | "mixed" = "topical"): SearchDocument[] {
  const random = rng(42);
  const seed = readSeedContent().filter((c) => c.locale === "nl");
  const all = sampler(seed.map((c) => `${c.title} ${c.summary} ${c.body}`).join(" "), random);
  const topical = seed.map((c) => sampler(`${c.title} ${c.summary} ${c.body}`, random));
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
  return Array.from({ length: n }, (_, i) => {
    const own = topical[i % topical.length]!;
    const draw = mode === "mixed" ? all : () => (random() < 0.7 ? own() : all());
    const pick = (k: number) => Array.from({ length: k }, draw).join(" ");
    return {
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
    };
  });
}
