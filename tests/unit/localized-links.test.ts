// Every link, form and redirect stays in the page's language (decision 020). A page reaches
// that only through app/components/link.tsx (Link, NavLink, Form), useLocalizedPath for plain
// anchors, and localRedirect on the server; this scan fails when a file goes around them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../app");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const sources = files(root).map((file) => ({
  file: path.relative(root, file),
  text: readFileSync(file, "utf8"),
}));

/** The names a file imports from a module. */
function importsFrom(text: string, module: string): string[] {
  const names: string[] = [];
  const pattern = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*"${module.replace("/", "\\/")}"`, "g");
  for (const match of text.matchAll(pattern)) {
    names.push(
      ...match[1]!
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean),
    );
  }
  return names;
}

describe("links in the page's language", () => {
  it("take Link, NavLink and Form from components/link.tsx, not from Remix", () => {
    // link.tsx wraps them; the header's language switch links to the other language on purpose.
    const allowed: Record<string, string[]> = {
      "components/link.tsx": ["Form as RemixForm", "Link as RemixLink", "NavLink as RemixNavLink"],
      "components/layout.tsx": ["Link as RemixLink"],
    };
    const offenders = sources.flatMap(({ file, text }) =>
      importsFrom(text, "@remix-run/react")
        .filter((name) => /^(Link|NavLink|Form)\b/.test(name))
        .filter((name) => !allowed[file]?.includes(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("redirect through localRedirect, so an English page sends to an English page", () => {
    const allowed = new Set(["modules/http.server.ts", "routes/taal.ts"]);
    const offenders = sources
      .filter(
        ({ file, text }) => !allowed.has(file) && importsFrom(text, "@remix-run/node").includes("redirect"),
      )
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it("put plain anchors to site paths through useLocalizedPath", () => {
    const offenders = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/<a\b[^>]*\shref=(?:"\/(?!\/)|\{`\/)/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});
