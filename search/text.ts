/** Markdown to plain text for indexing: no markup, link targets or heading marks. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/[*_`>|~]/g, " ")
    .replace(/^\s*[-+]\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const START = "\u0002";
const STOP = "\u0003";
export const HEADLINE_MARKERS = { start: START, stop: STOP };

/** Turns a headline with marker characters into escaped HTML with <mark> elements. */
export function markedSnippet(headline: string): string {
  return escapeHtml(headline.replace(/[\u0000\u0001\u0004-\u001f]/g, " "))
    .replaceAll(START, "<mark>")
    .replaceAll(STOP, "</mark>");
}
