// Claims in an article: the citation markers of the body (`[@key, locator]`, `[@?, note]`) and
// the fact box's `carrier.cite`, counted, listed and resolved (db/seed/content/README.md).
import type { CarrierFacts } from "./model.ts";
import { citationPattern } from "./sources.ts";

export interface Citation {
  /** A registry key, or "?" for still to be checked. */
  key: string;
  /** The section, page or article ("§5.2", "art. 21"); for "?" what is to be checked. */
  locator: string;
  /** Where the marker stands in the body. */
  start: number;
  end: number;
}

/** Every citation marker in a body, in order. */
export function citationsIn(body: string): Citation[] {
  return [...body.matchAll(new RegExp(citationPattern.source, "g"))].map((m) => ({
    key: m[1]!,
    locator: (m[2] ?? "").trim(),
    start: m.index!,
    end: m.index! + m[0].length,
  }));
}

/** Markers directly after each other (`[@a][@b, p. 3]`) back one claim: grouped. */
export function claimGroups(body: string): Citation[][] {
  const groups: Citation[][] = [];
  for (const c of citationsIn(body)) {
    const last = groups.at(-1)?.at(-1);
    if (last && /^\s*$/.test(body.slice(last.end, c.start))) groups.at(-1)!.push(c);
    else groups.push([c]);
  }
  return groups;
}

/** One fact-box citation: "@key", "@key, locator" or "?" (with an optional note: "?, note"). */
export function parseFactCite(text: string): { key: string; locator: string } | null {
  const m = /^\s*(?:@([a-z0-9]+(?:[-.][a-z0-9]+)*)|(\?))\s*(?:,\s*(.*))?$/.exec(text);
  if (!m) return null;
  return { key: m[1] ?? "?", locator: (m[3] ?? "").trim() };
}

/** A list of citations backs a claim when it names a source and nothing in it is still open. */
const isSourced = (keys: string[]) => keys.length > 0 && keys.every((k) => k !== "?");

export interface ClaimCounts {
  sourced: number;
  toCheck: number;
}

/** Claims with a source and claims still to be checked, in the body and the fact box. */
export function countClaims(body: string, carrier?: Pick<CarrierFacts, "cite"> | null): ClaimCounts {
  const counts = { sourced: 0, toCheck: 0 };
  for (const group of claimGroups(body)) {
    if (isSourced(group.map((c) => c.key))) counts.sourced++;
    else counts.toCheck++;
  }
  for (const list of Object.values(carrier?.cite ?? {})) {
    const keys = list.map((c) => parseFactCite(c)?.key ?? "?");
    if (isSourced(keys)) counts.sourced++;
    else if (keys.length) counts.toCheck++;
  }
  return counts;
}

export interface OpenClaim {
  /** `body:<n>` (the n-th `[@?]` marker, from 0) or `cite:<field>`. */
  ref: string;
  /** Stable across unrelated edits: what a moderator's note is kept under. */
  key: string;
  /** The sentence the claim stands in, without markers (or the fact-box field). */
  text: string;
  /** What the author said is to be checked. */
  note: string;
  field?: string;
}

/** The open "te controleren" claims of an article. */
export function openClaims(body: string, carrier?: Pick<CarrierFacts, "cite"> | null): OpenClaim[] {
  const claims: OpenClaim[] = [];
  citationsIn(body)
    .filter((c) => c.key === "?")
    .forEach((c, n) => {
      const text = sentenceAround(body, c.start);
      claims.push({ ref: `body:${n}`, key: `body:${text}`, text, note: c.locator });
    });
  for (const [field, list] of Object.entries(carrier?.cite ?? {})) {
    const open = list.map((c) => parseFactCite(c)).find((c) => c?.key === "?");
    if (open || !list.length) {
      claims.push({
        ref: `cite:${field}`,
        key: `cite:${field}`,
        text: field,
        note: open?.locator ?? "",
        field,
      });
    }
  }
  return claims;
}

/** Removes the citation markers (for plain text: search, snippets, claim texts). */
export function stripCitations(text: string): string {
  return text.replace(new RegExp(`\\s*${citationPattern.source}`, "g"), "");
}

/** The sentence (or list item, or table cell) in which a position of the body lies, as plain text. */
function sentenceAround(body: string, at: number): string {
  const before = body.slice(0, at);
  const startCandidates = [before.lastIndexOf("\n"), before.lastIndexOf("|"), lastSentenceEnd(before)];
  const start = Math.max(...startCandidates) + 1;
  const rest = body.slice(at);
  const endMatch = /\n|\|/.exec(rest);
  const end = at + (endMatch ? endMatch.index : rest.length);
  const text = stripCitations(body.slice(start, end))
    .replace(/^[\s>*#-]+|\d+\.\s+/, "")
    .replace(/[*_`]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  return text.slice(0, 400);
}

function lastSentenceEnd(text: string): number {
  // A full stop, question or exclamation mark followed by a space ends a sentence; a marker's
  // own text ("art. 21") sits inside brackets and is not one.
  let last = -1;
  for (const m of text.matchAll(/[.!?]\s/g)) {
    const upTo = text.slice(0, m.index);
    if (upTo.lastIndexOf("[") <= upTo.lastIndexOf("]")) last = m.index! + 1;
  }
  return last;
}

/**
 * Cites a source for an open claim: `body:<n>` replaces the n-th `[@?...]` marker by
 * `[@key, locator]`; `cite:<field>` replaces the field's "?" entries. Null when there is no
 * such open claim (any more).
 */
export function resolveClaim(
  body: string,
  carrier: CarrierFacts | undefined,
  ref: string,
  key: string,
  locator: string,
): { body: string; carrier: CarrierFacts | undefined } | null {
  const marker = locator.trim() ? `@${key}, ${locator.trim()}` : `@${key}`;
  const bodyRef = /^body:(\d+)$/.exec(ref);
  if (bodyRef) {
    const target = citationsIn(body).filter((c) => c.key === "?")[Number(bodyRef[1])];
    if (!target) return null;
    return { body: `${body.slice(0, target.start)}[${marker}]${body.slice(target.end)}`, carrier };
  }
  const citeRef = /^cite:(.+)$/.exec(ref);
  if (citeRef && carrier) {
    const field = citeRef[1]!;
    const list = carrier.cite?.[field];
    if (!list) return null;
    const kept = list.filter((c) => parseFactCite(c)?.key !== "?");
    if (kept.length === list.length && list.length) return null;
    return { body, carrier: { ...carrier, cite: { ...carrier.cite, [field]: [...kept, marker] } } };
  }
  return null;
}

/** Citation keys (body and fact box) that the registry does not know. */
export function unknownCitations(
  body: string,
  registry: { has(key: string): boolean },
  carrier?: Pick<CarrierFacts, "cite"> | null,
): string[] {
  const keys = citationsIn(body).map((c) => c.key);
  for (const list of Object.values(carrier?.cite ?? {}))
    for (const c of list) keys.push(parseFactCite(c)?.key ?? "?");
  return [...new Set(keys.filter((k) => k !== "?" && !registry.has(k)))];
}

/** Every registry key an article cites or lists. */
export function citedKeys(
  body: string,
  data: { sources: { key?: string }[]; carrier?: Pick<CarrierFacts, "cite"> | null },
): string[] {
  const keys = new Set<string>();
  for (const s of data.sources) if (s.key) keys.add(s.key);
  for (const c of citationsIn(body)) if (c.key !== "?") keys.add(c.key);
  for (const list of Object.values(data.carrier?.cite ?? {}))
    for (const c of list) {
      const k = parseFactCite(c)?.key;
      if (k && k !== "?") keys.add(k);
    }
  return [...keys];
}
