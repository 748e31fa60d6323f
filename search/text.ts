/** Markdown to plain text for indexing: no markup, link targets or heading marks. */
export function markdownToText(markdown: string): string {
  return (
    markdown
      .replace(/```[\s\S]*?```/g, " ")
      // Table delimiter rows and horizontal rules (| --- | :--: |, ---).
      .replace(/^[ \t|:-]*-{3,}[ \t|:-]*$/gm, " ")
      // Emphasis marks go without leaving a space ("**persoonsgegevens**." reads as a word and a
      // full stop); an underscore inside a word is not emphasis and stays.
      .replace(/(\*{1,3})(?=[^\s*])([^*\n]*?[^\s*])\1(?!\*)/g, "$2")
      .replace(/~~(?=\S)([^~\n]*?\S)~~/g, "$1")
      .replace(/`([^`\n]+)`/g, "$1")
      .replace(/(?<![\p{L}\p{N}])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}])/gu, "$2")
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]+>/g, " ")
      .replace(/^#{1,6}\s+/gm, "")
      .replace(/[*`>|~]/g, " ")
      .replace(/^\s*[-+]\s+/gm, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const START = "\u0002";
const STOP = "\u0003";
/** Between a headline's fragments (ts_headline's FragmentDelimiter). */
const FRAGMENT_DELIMITER = " … ";
export const HEADLINE_MARKERS = { start: START, stop: STOP, fragments: FRAGMENT_DELIMITER };
/** What ends a sentence (or a clause a snippet may end on). */
const SENTENCE_END = /[.!?:;…]$/;

/** Turns a headline with marker characters into escaped HTML with <mark> elements. */
export function markedSnippet(headline: string): string {
  return escapeHtml(headline.replace(/[\u0000\u0001\u0004-\u001f]/g, " "))
    .replaceAll(START, "<mark>")
    .replaceAll(STOP, "</mark>");
}

/** Parts as sentences: each ends with a full stop unless it already ends with punctuation. */
export function sentences(parts: (string | null | undefined)[]): string {
  return parts
    .map((part) => (part ?? "").trim())
    .filter(Boolean)
    .map((part) => (SENTENCE_END.test(part) ? part : `${part}.`))
    .join(" ");
}

/**
 * A headline's fragments with an ellipsis where they start or end inside a sentence of the text
 * they came from, so a snippet that begins mid-sentence says so. Fragments that cannot be found
 * in the text (changed since) are left as they are.
 */
export function withEllipses(headline: string, text: string): string {
  const fragments = headline.split(FRAGMENT_DELIMITER);
  const plain = (fragment: string) => fragment.replaceAll(START, "").replaceAll(STOP, "").trim();
  const first = plain(fragments[0] ?? "");
  const last = plain(fragments[fragments.length - 1] ?? "");
  let out = headline.trim();
  const start = first ? text.indexOf(first) : -1;
  if (start > 0 && !SENTENCE_END.test(text.slice(Math.max(0, start - 3), start).trimEnd())) out = `… ${out}`;
  const at = last ? text.indexOf(last, Math.max(start, 0)) : -1;
  if (at >= 0 && at + last.length < text.trimEnd().length && !SENTENCE_END.test(last)) out = `${out} …`;
  return out;
}
