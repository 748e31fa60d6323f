import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useT } from "#app/i18n/index.ts";
import { errorText } from "#app/lib/errors.ts";
import { formFiles, formIntent, parseForm } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { KennisbankError } from "#app/modules/kennisbank/articles.server.ts";
import { applyImport, MAX_IMPORT_BYTES, readImportFiles } from "#app/modules/kennisbank/bulk.server.ts";
import { articleContentSchema } from "#app/modules/kennisbank/model.ts";
import { sourceLookup } from "#app/modules/kennisbank/sources.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.import", "kennisbank.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  return null;
}

/** The previewed files come back as JSON; they are validated again before anything is stored. */
const previewSchema = z.object({
  contents: z
    .string()
    .default("[]")
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "form.kbImport.json" });
        return z.NEVER;
      }
    })
    .pipe(articleContentSchema.array().min(1)),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "publish:article");
  const locale = localeFromRequest(request);
  const t = translator(locale);
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_IMPORT_BYTES * 1.5) {
    return data(
      { step: "error" as const, problems: [{ file: "upload", message: t("error.kbImport.tooBig") }] },
      { status: 413 },
    );
  }
  const form = await request.formData();
  if (formIntent(form) === "apply") {
    const parsed = parseForm(previewSchema, form, { locale: localeFromRequest(request) });
    if (!parsed.ok) {
      return data(
        {
          step: "error" as const,
          problems: [{ file: "voorbeeld", message: t("error.kbImport.badPreview") }],
        },
        { status: 400 },
      );
    }
    try {
      const counts = await applyImport(
        context.db,
        { id: moderator.id, role: moderator.role },
        parsed.value.contents,
      );
      return { step: "done" as const, counts };
    } catch (error) {
      if (error instanceof KennisbankError) {
        return data(
          {
            step: "error" as const,
            problems: [
              { file: "import", message: t("error.kbImport.nothingSaved", { reason: error.text(locale) }) },
            ],
          },
          { status: 400 },
        );
      }
      throw error;
    }
  }
  const uploads: { name: string; bytes: Uint8Array }[] = [];
  for (const file of formFiles(form, "files")) {
    uploads.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  }
  if (!uploads.length) {
    return data(
      {
        step: "error" as const,
        problems: [{ file: "upload", message: t("error.kbImport.noFiles") }],
      },
      { status: 400 },
    );
  }
  const read = readImportFiles(uploads, await sourceLookup(context.db));
  if (!read.ok) {
    const problems = read.problems.map((p) => ({ file: p.file, message: errorText(locale, p.message) }));
    return data({ step: "error" as const, problems }, { status: 400 });
  }
  return {
    step: "preview" as const,
    items: read.contents.map((c) => ({ slug: c.slug, locale: c.locale, kind: c.kind, title: c.title })),
    contents: JSON.stringify(read.contents),
  };
}

export default function Import() {
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t("kbb.import")} intro={t("kbb.import.intro")}>
        <p>
          <Link to="/beheer/kennisbank">{t("kbb.title")}</Link>
        </p>
      </PageHeader>
      {result?.step === "error" ? (
        <FormMessage>
          <p>{t("kbb.import.problems")}</p>
          <ul className="mt-2 list-disc pl-5">
            {result.problems.map((p) => (
              <li key={`${p.file}-${p.message}`}>
                <strong>{p.file}</strong>: {p.message}
              </li>
            ))}
          </ul>
        </FormMessage>
      ) : null}
      {result?.step === "done" ? (
        <FormMessage tone="ok">
          {t("kbb.import.done", {
            created: result.counts.created,
            updated: result.counts.updated,
            translated: result.counts.translated,
            unchanged: result.counts.unchanged,
          })}
        </FormMessage>
      ) : null}
      {result?.step === "preview" ? (
        <Form method="post" className="space-y-3">
          <h2>{t("kbb.import.preview", { count: result.items.length })}</h2>
          <ul className="list-disc pl-6">
            {result.items.map((i) => (
              <li key={`${i.slug}-${i.locale}`}>
                {i.title}{" "}
                <span className="text-muted">
                  ({i.kind}/{i.slug}, {i.locale})
                </span>
              </li>
            ))}
          </ul>
          <input type="hidden" name="intent" value="apply" />
          <input type="hidden" name="contents" value={result.contents} />
          <SubmitButton>{t("kbb.import.apply")}</SubmitButton>
        </Form>
      ) : (
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <label htmlFor="files" className="block font-medium">
            {t("kbb.import.files")}
          </label>
          <input id="files" name="files" type="file" accept=".md,.zip" multiple className="block" />
          <SubmitButton>{t("kbb.import.check")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
