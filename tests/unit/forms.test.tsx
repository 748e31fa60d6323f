// The one form helper (decision 017): parseForm and friends on the server, fieldIds/FieldError
// in the page, and a check that no route or module reads a form past it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FieldError, fieldIds, fieldProps } from "#app/components/forms.tsx";
import { formFields, formFiles, formIntent, formText, formValues, parseForm } from "#app/lib/forms.ts";

function form(entries: [string, string | File][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

const schema = z
  .object({
    email: z.string().trim().email("Vul een geldig e-mailadres in."),
    topics: z.array(z.string()).min(1, "Kies minstens één onderwerp."),
    count: z.coerce.number({ message: "Vul een getal in." }).int("Vul een heel getal in."),
    password: z.string().default(""),
    repeat: z.string().default(""),
  })
  .refine((v) => v.password === v.repeat, "De wachtwoorden verschillen.");

describe("parseForm", () => {
  it("gives the typed value, repeated fields as a list", () => {
    const parsed = parseForm(
      schema,
      form([
        ["email", " a@b.nl "],
        ["topics", "opslag"],
        ["topics", "ai"],
        ["count", "3"],
      ]),
      { arrays: ["topics"] },
    );
    expect(parsed).toEqual({
      ok: true,
      value: { email: "a@b.nl", topics: ["opslag", "ai"], count: 3, password: "", repeat: "" },
    });
  });

  it("keys the first message per field; a rule on the whole form is `form`", () => {
    const parsed = parseForm(
      schema,
      form([
        ["email", "geen adres"],
        ["count", "1.5"],
        ["password", "a"],
        ["repeat", "b"],
      ]),
      { arrays: ["topics"] },
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      email: "Vul een geldig e-mailadres in.",
      topics: "Kies minstens één onderwerp.",
      count: "Vul een heel getal in.",
      form: "De wachtwoorden verschillen.",
    });
    // The first message, for forms that show one message above the form.
    expect(parsed.message).toBe("Vul een geldig e-mailadres in.");
  });

  it("names the row of a list in its message when asked", () => {
    const rows = z.object({ sources: z.array(z.string().url("geen URL")) });
    const parsed = parseForm(
      rows,
      { sources: ["https://a.nl", "nee"] },
      { rows: { sources: "form.editor.sourceRow" } },
    );
    expect(parsed.ok ? null : parsed.errors).toEqual({ sources: "Bron 2: geen URL" });
  });

  it("reads a GET query the same way", () => {
    const parsed = parseForm(z.object({ q: z.string() }), new URLSearchParams("q=band"));
    expect(parsed).toEqual({ ok: true, value: { q: "band" } });
  });
});

describe("reading fields", () => {
  const file = new File(["x"], "a.csv");
  const sent = form([
    ["intent", "opslaan"],
    ["naam", "eerste"],
    ["naam", "laatste"],
    ["d", "1"],
    ["d", "2"],
    ["bestand", file],
    ["leeg", new File([], "")],
  ]);

  it("keeps the last value of a single field, every value of a list, and leaves files out", () => {
    expect(formValues(sent)).toEqual({ intent: "opslaan", naam: "laatste", d: "2" });
    expect(formValues(sent, { arrays: ["d", "x"] })).toEqual({
      intent: "opslaan",
      naam: "laatste",
      d: ["1", "2"],
      x: [],
    });
  });

  it("gives named fields with empty defaults", () => {
    expect(formFields(sent, ["naam", "titel"], ["d", "x"])).toEqual({
      naam: "laatste",
      titel: "",
      d: ["1", "2"],
      x: [],
    });
  });

  it("reads the intent, one text field and the uploaded files", () => {
    expect(formIntent(sent)).toBe("opslaan");
    expect(formIntent(new FormData())).toBe("");
    expect(formText(sent, "bestand")).toBe("");
    expect(formFiles(sent, "bestand").map((f) => f.name)).toEqual(["a.csv"]);
    expect(formFiles(sent, "leeg")).toEqual([]);
  });
});

describe("field errors in the page", () => {
  it("marks the control invalid and points it at the error's id", () => {
    const errors = { email: "Vul een geldig e-mailadres in." };
    expect(fieldProps("email", errors)).toEqual({
      id: "veld-email",
      name: "email",
      "aria-invalid": true,
      "aria-describedby": "veld-email-fout",
    });
    expect(fieldProps("email", errors, { id: "mail", hint: true })["aria-describedby"]).toBe(
      "mail-hint mail-fout",
    );
    expect(fieldProps("naam", errors)).toEqual({
      id: "veld-naam",
      name: "naam",
      "aria-invalid": undefined,
      "aria-describedby": undefined,
    });
    expect(fieldIds("x", "hint", null)["aria-describedby"]).toBe("x-hint");

    const html = renderToStaticMarkup(
      <>
        <input {...fieldProps("email", errors)} />
        <FieldError id="veld-email" error={errors.email} />
        <FieldError id="veld-naam" error={undefined} />
      </>,
    );
    expect(html).toBe(
      '<input id="veld-email" name="email" aria-invalid="true" aria-describedby="veld-email-fout"/>' +
        '<p id="veld-email-fout" class="text-sm font-medium text-accent">Vul een geldig e-mailadres in.</p>',
    );
  });
});

// Every form is read through app/lib/forms.ts. These patterns are the ways around it: a zod
// schema checked by hand, or FormData read field by field.
const bypasses: [string, RegExp][] = [
  ["safeParse", /\.safeParse\(/],
  ["FormData field", /\b(form|formData|fd)\.(get|getAll|entries)\(/],
  ["FormData field", /formData\(\)\)\s*\.(get|getAll|entries)\(/],
  ["FormData as object", /Object\.fromEntries\((await request\.formData\(\)|form\b)/],
];

/** The genuine exceptions: none of them reads a submitted form. */
const allowed: Record<string, { pattern: string; why: string }> = {
  // The environment at start-up, not a form.
  "app/modules/env.server.ts": { pattern: "safeParse", why: "environment variables" },
  // The front matter of Markdown files (seed and import), not a form.
  "app/modules/kennisbank/front-matter.server.ts": { pattern: "safeParse", why: "Markdown front matter" },
  // rateSession checks its input again for any caller; the route reads the form with parseForm.
  "app/modules/intervisie/sessions/ratings.server.ts": { pattern: "safeParse", why: "module input" },
  // The fact box's last safety net after its own per-field rules (decision 015), keyed two path
  // levels deep ("lookalikes.0"); the form itself is read with formValues.
  "app/modules/kennisbank/carrier-form.ts": { pattern: "safeParse", why: "fact box safety net" },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("no form is read past the helper", () => {
  const root = join(import.meta.dirname, "../..");
  const files = ["app/routes", "app/modules"].flatMap((dir) => sourceFiles(join(root, dir)));

  it("finds no safeParse or hand-read FormData in routes and modules, but the listed exceptions", () => {
    const found: string[] = [];
    for (const path of files) {
      const file = relative(root, path);
      const lines = readFileSync(path, "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const [name, pattern] of bypasses) {
          if (!pattern.test(line) || allowed[file]?.pattern === name) continue;
          found.push(`${file}:${i + 1} ${name}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it("lists only exceptions that still exist", () => {
    for (const [file, { pattern }] of Object.entries(allowed)) {
      const text = readFileSync(join(root, file), "utf8");
      const regex = bypasses.find(([name]) => name === pattern)![1];
      expect(regex.test(text), `${file} no longer needs its exception`).toBe(true);
    }
  });

  it("catches the ways around the helper", () => {
    const caught = (line: string) => bypasses.some(([, pattern]) => pattern.test(line));
    expect(caught("const parsed = schema.safeParse(Object.fromEntries(await request.formData()));")).toBe(
      true,
    );
    expect(caught('const intent = String(form.get("intent") ?? "");')).toBe(true);
    expect(caught('const intent = String((await request.formData()).get("intent") ?? "");')).toBe(true);
    expect(caught('for (const value of form.getAll("files")) {')).toBe(true);
    expect(caught("const fields = Object.fromEntries(await request.formData());")).toBe(true);
    expect(caught("const parsed = parseForm(schema, await request.formData());")).toBe(false);
  });
});
