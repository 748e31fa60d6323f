import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { Lru } from "#app/lib/lru.ts";
import { translate } from "../../i18n/index.ts";

export interface TocEntry {
  id: string;
  text: string;
  depth: number;
}

export interface Rendered {
  html: string;
  toc: TocEntry[];
  /** Slugs of other articles this one links to (/kennisbank/<slug>). */
  links: string[];
  /** The numbered notes the body refers to, in order: one per source and locator. */
  notes: { n: number; key: string; locator: string }[];
  /** How many "te controleren" marks the body shows. */
  flags: number;
}

export interface RenderOptions {
  /** The language of the labels the renderer writes ("bron", "te controleren"). */
  locale?: "nl" | "en";
}

/** A note's anchor on the article page, and the anchor of the n-th reference to it. */
export const noteId = (n: number) => `noot-${n}`;
export const noteRefId = (n: number, k = 1) => (k === 1 ? `noot-${n}-ref` : `noot-${n}-ref-${k}`);

/** A heading's anchor: lowercase, accents off, words joined by hyphens. */
export function anchorId(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "sectie"
  );
}

const plain = (html: string) =>
  sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

// The allow-list: what an article body may contain after rendering. No scripts, no event
// handlers, no styles, no iframes; links only to http(s), mailto and this site.
const allowList: sanitizeHtml.IOptions = {
  allowedTags: [
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
    "mark",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    h2: ["id"],
    h3: ["id"],
    h4: ["id"],
    h5: ["id"],
    h6: ["id"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    mark: ["class"],
  },
  // Only the classes the citation renderer writes.
  allowedClasses: { mark: ["te-controleren"], sup: ["noot"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // The page title is the only h1; a body's h1 becomes h2.
    h1: "h2",
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? "");
      return {
        tagName,
        attribs: external ? { ...attribs, rel: "noopener noreferrer", target: "_blank" } : attribs,
      };
    },
  },
};
allowList.allowedAttributes = {
  ...allowList.allowedAttributes,
  // id and aria-label: the note references ([@key] → a numbered link to the note).
  a: ["href", "title", "rel", "target", "id", "aria-label"],
  sup: ["class"],
};

/**
 * Renders an article body on the server: Markdown to HTML, headings with anchors (and a table of
 * contents of h2/h3), then the allow-list sanitiser. Raw HTML in the Markdown is escaped, never
 * passed through.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): Rendered {
  const locale = options.locale ?? "nl";
  const cacheKey = `${locale}\u0000${markdown}`;
  const cached = renderCache.get(cacheKey);
  if (cached) return cached;
  const rendered = Object.freeze(renderUncached(markdown, locale));
  renderCache.set(cacheKey, rendered);
  return rendered;
}

// The same text always renders the same, so published articles are rendered once per process
// (about 2 ms each) instead of on every request. Keyed by the text itself: an edit is a new key.
const renderCache = new Lru<string, Rendered>(300);

function renderUncached(markdown: string, locale: "nl" | "en"): Rendered {
  const toc: TocEntry[] = [];
  const used = new Map<string, number>();
  const links = new Set<string>();
  const notes: Rendered["notes"] = [];
  const numbers = new Map<string, { n: number; refs: number }>();
  let flags = 0;
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    // [@key, locator] → a numbered note reference; [@?, note] → a visible "te controleren" mark.
    extensions: [
      {
        name: "citation",
        level: "inline",
        start: (src: string) => {
          const i = src.indexOf("[@");
          return i < 0 ? undefined : i;
        },
        tokenizer(src: string) {
          const m = /^\[@(\?|[a-z0-9]+(?:[-.][a-z0-9]+)*)(?:,\s*([^\]]*))?\]/.exec(src);
          if (!m) return undefined;
          return { type: "citation", raw: m[0], key: m[1]!, locator: (m[2] ?? "").trim() };
        },
        renderer(token) {
          const { key, locator } = token as unknown as { key: string; locator: string };
          if (key === "?") {
            flags++;
            const label = translate(locale, "claims.toCheck");
            return `<mark class="te-controleren">${escapeHtml(locator ? `${label}: ${locator}` : label)}</mark>`;
          }
          const id = `${key}\u0000${locator}`;
          let entry = numbers.get(id);
          if (!entry) {
            entry = { n: notes.length + 1, refs: 0 };
            numbers.set(id, entry);
            notes.push({ n: entry.n, key, locator });
          }
          entry.refs++;
          const label = `${translate(locale, "claims.noteLabel")} ${entry.n}`;
          return `<sup class="noot"><a href="#${noteId(entry.n)}" id="${noteRefId(entry.n, entry.refs)}" aria-label="${label}">${entry.n}</a></sup>`;
        },
      },
    ],
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
        const depth = Math.min(Math.max(token.depth, 2), 6);
        const inner = this.parser.parseInline(token.tokens);
        const text = plain(inner).trim();
        let id = anchorId(text);
        const seen = used.get(id) ?? 0;
        used.set(id, seen + 1);
        if (seen) id = `${id}-${seen + 1}`;
        if (depth <= 3) toc.push({ id, text, depth });
        return `<h${depth} id="${id}">${inner}</h${depth}>\n`;
      },
      html(token: Tokens.HTML | Tokens.Tag) {
        // Raw HTML is shown as text, not interpreted.
        return escapeHtml(token.text);
      },
    },
    walkTokens(token) {
      if (token.type === "link") {
        const match = /^\/kennisbank\/([a-z0-9-]+)\/?(?:#.*)?$/.exec(token.href);
        if (match) links.add(match[1]!);
      }
    },
  });
  const raw = marked.parse(markdown) as string;
  return { html: sanitizeHtml(raw, allowList), toc, links: [...links], notes, flags };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
