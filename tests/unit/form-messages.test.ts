// Form messages in the page's language (issue #17): a zod schema in app/ names a dictionary key
// for each mistake, never a literal text, so parseForm can give it in Dutch or English. This
// reads the schemas' source with the TypeScript parser and checks every literal message.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nl } from "#app/i18n/nl.ts";
import { parseForm } from "#app/lib/forms.ts";

// Schemas whose messages reach no form through parseForm, with why:
const exempt: Record<string, string> = {
  // The server's settings, checked at start-up for the operator, before any request.
  [join("app", "modules", "env.server.ts")]: "operator",
};

/**
 * zod methods whose last argument is the message (not `startsWith` and `includes`: strings and
 * arrays have them too, with a text that is no message).
 */
const messageMethods = new Set([
  "min",
  "max",
  "length",
  "int",
  "positive",
  "nonnegative",
  "negative",
  "nonpositive",
  "gt",
  "gte",
  "lt",
  "lte",
  "multipleOf",
  "finite",
  "regex",
  "email",
  "url",
  "uuid",
  "nonempty",
  "refine",
]);
/** Properties of an options object (or an errorMap's result, or an added issue) that are a message. */
const messageProperties = new Set(["message", "required_error", "invalid_type_error"]);

const zodSources = (readdirSync("app", { recursive: true }) as string[])
  .filter((file) => /\.tsx?$/.test(file))
  .map((file) => join("app", file))
  .filter((file) => !exempt[file])
  .map((file) => ({ file, text: readFileSync(file, "utf8") }))
  .filter((s) => /from "zod"/.test(s.text));

interface Literal {
  file: string;
  line: number;
  text: string;
}

/**
 * The literal texts an expression can be: a string, either side of a condition, or the value
 * of a variable of the file it names (`const problem = a ? "…" : null`).
 */
function literals(node: ts.Expression, file: ts.SourceFile, seen = new Set<string>()): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
    return [node];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression, file, seen);
  if (ts.isConditionalExpression(node))
    return [...literals(node.whenTrue, file, seen), ...literals(node.whenFalse, file, seen)];
  if (ts.isIdentifier(node) && !seen.has(node.text)) {
    seen.add(node.text);
    const found: ts.Node[] = [];
    const visit = (n: ts.Node) => {
      if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.name.text === node.text &&
        n.initializer
      )
        found.push(...literals(n.initializer, file, seen));
      ts.forEachChild(n, visit);
    };
    visit(file);
    return found;
  }
  return [];
}

function messageLiterals(fileName: string, text: string): Literal[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const last = node.arguments.at(-1);
      // `.max(200)` and `.refine(fn)` end in no text, so they give nothing here.
      if (messageMethods.has(method) && last) found.push(...literals(last, file));
    }
    if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      messageProperties.has(node.name.text)
    )
      found.push(...literals(node.initializer, file));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found
    .filter((n) => !ts.isStringLiteral(n) || n.text !== "")
    .map((n) => ({
      file: fileName,
      line: file.getLineAndCharacterOfPosition(n.getStart()).line + 1,
      text: ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : n.getText(),
    }));
}

describe("zod messages in app/", () => {
  it("are dictionary keys, not literal texts", () => {
    const all = zodSources.flatMap((s) => messageLiterals(s.file, s.text));
    // The scan finds the schemas' messages (a guard against a scan that finds nothing).
    expect(all.length).toBeGreaterThan(100);
    const notKeys = all.filter((m) => !Object.hasOwn(nl, m.text)).map((m) => `${m.file}:${m.line} ${m.text}`);
    expect(notKeys).toEqual([]);
  });

  it("would catch a Dutch literal", () => {
    const source = `import { z } from "zod";
      const s = z.object({
        a: z.string().min(1, "Vul je naam in."),
        b: z.enum(["x"], { errorMap: () => ({ message: "Kies x." }) }),
        c: z.string().refine((v) => v !== "", "form.register.name"),
      }).superRefine((v, ctx) => {
        const problem = v.a ? "Te kort." : null;
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      });`;
    const texts = messageLiterals("x.ts", source).map((m) => m.text);
    expect(texts.sort()).toEqual(["Kies x.", "Te kort.", "Vul je naam in.", "form.register.name"].sort());
  });
});

describe("parseForm in a language", () => {
  const schema = z.object({
    name: z.string().trim().min(1, "form.register.name"),
    email: z.string().trim().max(5),
    outcome: z.string().max(3, "form.case.outcomeLong"),
  });

  it("gives a key's message in Dutch by default and in English when asked", () => {
    const sent = { name: "", email: "", outcome: "" };
    const dutch = parseForm(schema, sent);
    const english = parseForm(schema, sent, { locale: "en" });
    expect(dutch.ok ? null : dutch.message).toBe(nl["form.register.name"]);
    expect(english.ok ? null : english.message).toBe("Enter your name.");
  });

  it("fills a size message's bound and replaces zod's own message", () => {
    const parsed = parseForm(schema, { name: "x", email: "123456", outcome: "long" }, { locale: "en" });
    expect(parsed.ok ? null : parsed.errors).toEqual({
      email: "This value is not right.",
      outcome: "What happened can have at most 3 characters.",
    });
    const dutch = parseForm(schema, { name: "x", email: "123456", outcome: "long" });
    expect(dutch.ok ? null : dutch.errors).toEqual({
      email: "Deze waarde klopt niet.",
      outcome: "Wat er gebeurde mag hooguit 3 tekens hebben.",
    });
  });

  it("keeps a message the schema gave in its own errorMap", () => {
    const own = z.object({ a: z.enum(["x"], { errorMap: () => ({ message: "al vertaald" }) }) });
    const parsed = parseForm(own, { a: "y" }, { locale: "en" });
    expect(parsed.ok ? null : parsed.message).toBe("al vertaald");
  });
});
