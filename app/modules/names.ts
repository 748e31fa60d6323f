// Dutch names that text in another language keeps as they are: an English guide says "Beeld &
// Geluid", not "Image & Sound". A name is not translated, but it is Dutch, so a screen reader
// should say it in Dutch (WCAG 3.1.2); `nameParts` finds them in a text so a component can give
// them `lang="nl"` (app/components/content-text.tsx).

/** Names of Dutch organisations and programmes as English content uses them, longest first. */
export const dutchNames: readonly string[] = [
  "Nederlands Instituut voor Beeld & Geluid",
  "Nederlands Instituut voor Beeld en Geluid",
  "Netwerk Digitaal Erfgoed",
  "Regionale Historische Centra",
  "Beeld & Geluid",
  "Beeld en Geluid",
  "Nationaal Archief",
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const namePattern = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...dutchNames]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|")})(?![\\p{L}\\p{N}])`,
  "gu",
);

/** A text cut into its Dutch names (`name: true`) and the rest, in order; empty parts left out. */
export function nameParts(text: string): { text: string; name: boolean }[] {
  const parts: { text: string; name: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(namePattern)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at), name: false });
    parts.push({ text: match[0], name: true });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), name: false });
  return parts;
}
