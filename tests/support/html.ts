import { Parser } from "htmlparser2";
import { expect } from "vitest";

/**
 * The elements a rendered article body may contain. Written out here, not imported from the
 * renderer, so that a change to the renderer's allow-list has to pass this list too.
 */
export const safeTags = new Set([
  // A "te controleren" mark (citations, markdown.server.ts).
  "mark",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "p",
  "br",
  "hr",
  "blockquote",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "sup",
  "sub",
]);

/** The elements a browser would build from the HTML, with their attributes. */
export function elementsOf(html: string): { name: string; attribs: Record<string, string> }[] {
  const found: { name: string; attribs: Record<string, string> }[] = [];
  const parser = new Parser(
    { onopentag: (name, attribs) => found.push({ name, attribs }) },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** Only allowed elements, no event handlers or styles, links only to http(s), mailto or this site. */
export function expectSafeHtml(html: string): void {
  for (const el of elementsOf(html)) {
    expect(safeTags.has(el.name), el.name).toBe(true);
    for (const [attr, value] of Object.entries(el.attribs)) {
      expect(attr, `${el.name} ${attr}`).not.toMatch(/^on|^style$|^src$|^srcdoc$|^formaction$/i);
      if (attr === "href") expect(value.trim()).toMatch(/^(https?:|mailto:|\/(?!\/)|#)/i);
    }
  }
}
