import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorText } from "#app/lib/errors.ts";
import { parseArticleFile } from "#app/modules/kennisbank/front-matter.server.ts";
import { readSeedContent } from "#db/seed/content.server.ts";
import { readSourceRegistry } from "#db/seed/sources.server.ts";

const registry = new Map([
  ["iasa-tc05", { title: "IASA-TC 05", url: "https://www.iasa-web.org/tc05" }],
  ["nen-iso-18923", { title: "ISO 18923" }],
]);

function file(front: string, body: string) {
  return `---\nslug: proef\nlocale: nl\nkind: praktijk\ntitle: Proef\nsummary: Een proef.\ntopics: [storage]\nlastReviewed: 2026-12-04\n${front}\n---\n\n${body}\n`;
}

describe("the source registry and citations", () => {
  it("reads the repository's registry and every seed article against it", () => {
    const sources = readSourceRegistry();
    for (const [key, source] of sources) {
      expect(key).toBe(source.key);
      expect(source.url ?? source.where).toBeTruthy();
    }
    expect(readSeedContent(undefined, sources).length).toBeGreaterThan(0);
  });

  it("resolves a source given by its key to its title and URL", () => {
    const result = parseArticleFile(
      file("sources: [iasa-tc05, nen-iso-18923]", "Koel bewaren [@iasa-tc05, §5]. Klopt dit? [@?]"),
      "proef.md",
      registry,
    );
    expect(result.ok && result.content.sources).toEqual([
      { key: "iasa-tc05", title: "IASA-TC 05", url: "https://www.iasa-web.org/tc05" },
      { key: "nen-iso-18923", title: "ISO 18923" },
    ]);
  });

  it("refuses a citation or a source that is not in the registry, naming it", () => {
    const result = parseArticleFile(
      file("sources: [iasa-tc05]", "Iets [@bestaat-niet]."),
      "proef.md",
      registry,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => errorText("nl", p.message)).join()).toContain(
      "'bestaat-niet'",
    );
    const unknownSource = parseArticleFile(file("sources: [onbekend]", "Tekst."), "proef.md", registry);
    expect(!unknownSource.ok && errorText("nl", unknownSource.problems[0]!.message)).toContain("'onbekend'");
  });

  it("refuses a registry entry without URL or where, and duplicate keys", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "avk-bronnen-"));
    writeFileSync(path.join(dir, "a.yaml"), "- { key: x, title: X, kind: report, language: nl }\n");
    expect(() => readSourceRegistry(dir)).toThrow(/zonder URL/);
    writeFileSync(
      path.join(dir, "a.yaml"),
      "- { key: x, title: X, kind: report, language: nl, where: KB }\n",
    );
    writeFileSync(
      path.join(dir, "b.yaml"),
      "- { key: x, title: Y, kind: report, language: nl, where: KB }\n",
    );
    expect(() => readSourceRegistry(dir)).toThrow(/'x' staat er al/);
  });
});
