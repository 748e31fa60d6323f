import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "#app/modules/kennisbank/markdown.server.ts";

const allowed = new Set([
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

// Fragments that attackers and odd editors produce, mixed with Markdown syntax, so that the
// generator reaches the renderer's corners rather than only plain text.
const pieces = fc.constantFrom(
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  '<a href="javascript:x">',
  "<svg/onload=alert(1)>",
  "<iframe src=x>",
  '" onmouseover="x',
  "&#106;avascript:",
  "<style>",
  "</p><p>",
  "[link](",
  ")",
  "](",
  "![img](",
  "# ",
  "## ",
  "```",
  "`",
  "*",
  "_",
  "> ",
  "- ",
  "1. ",
  "|",
  "---",
  "\n",
  "\n\n",
  "<",
  ">",
  "&",
  '"',
  "'",
  "(",
  "[",
  "]",
  "/kennisbank/u-matic",
  "https://example.org/",
  "data:text/html,x",
);
const markdown = fc
  .array(fc.oneof(pieces, fc.string({ maxLength: 12 })), { maxLength: 60 })
  .map((p) => p.join(""));

describe("Markdown renderer under random input", () => {
  it("never crashes and never emits a script, handler, style or unsafe link", () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const { html, toc } = renderMarkdown(text);
        expect(Array.isArray(toc)).toBe(true);
        const parser = new Parser(
          {
            onopentag(name, attribs) {
              expect(allowed.has(name), name).toBe(true);
              for (const [attr, value] of Object.entries(attribs)) {
                expect(attr).not.toMatch(/^on|^style$|^src$|^srcdoc$/i);
                if (attr === "href") expect(value.trim()).toMatch(/^(https?:|mailto:|\/(?!\/)|#)/i);
              }
            },
          },
          { decodeEntities: true },
        );
        parser.write(html);
        parser.end();
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });
});
