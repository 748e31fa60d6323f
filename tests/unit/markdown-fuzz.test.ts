import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "#app/modules/kennisbank/markdown.server.ts";
import { expectSafeHtml } from "#tests/support/html.ts";

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
        expectSafeHtml(html);
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });
});
