import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useLocale, useT } from "#app/i18n/index.ts";
import { formFiles, formIntent, formText } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import {
  confirmUpload,
  formatSurveyError,
  type ImportPlan,
  listImports,
  previewUpload,
  UploadGoneError,
} from "#app/modules/survey/import.server.ts";
import { listUnlinkedNames } from "#app/modules/survey/links.server.ts";
import { DEFAULT_MAX_BYTES } from "#app/modules/survey/parse.ts";
import { formatDateTime } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "survey.import.title", "beheer.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "import:survey");
  const [imports, unlinked] = await Promise.all([listImports(context.db), listUnlinkedNames(context.db)]);
  return {
    imports: imports.map((entry) => ({ ...entry, importedAt: entry.importedAt.toISOString() })),
    unlinked: unlinked.names.length,
  };
}

type ActionResult =
  | { step: "error"; problems: string[] }
  | { step: "preview"; uploadId: string; fileName: string; plan: ImportPlan }
  | { step: "done"; fileName: string; plan: ImportPlan };

function problems(list: string[], status: number) {
  return data<ActionResult>({ step: "error", problems: list }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "import:survey");
  // Refused before reading: the importer's limit plus room for the multipart envelope.
  const locale = localeFromRequest(request);
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > DEFAULT_MAX_BYTES + 64 * 1024) {
    return problems(
      [translator(locale)("error.surveyImport.tooBig", { mb: DEFAULT_MAX_BYTES / 1024 / 1024 })],
      413,
    );
  }
  const form = await request.formData();
  const intent = formIntent(form);
  if (intent === "importeren") {
    const uploadId = formText(form, "uploadId");
    try {
      const result = await confirmUpload(context.db, { uploadId, actorId: moderator.id });
      if (!result.ok)
        return problems(
          result.errors.map((e) => formatSurveyError(locale, e)),
          400,
        );
      return data<ActionResult>({ step: "done", fileName: result.summary.fileName, plan: result.summary });
    } catch (error) {
      if (error instanceof UploadGoneError) return problems([error.text(locale)], 409);
      throw error;
    }
  }
  if (intent === "controleren") {
    const [file] = formFiles(form, "bestand");
    if (!file) {
      return problems([translator(locale)("error.surveyImport.noFile")], 400);
    }
    const result = await previewUpload(context.db, {
      fileName: file.name || "enquete.csv",
      content: new Uint8Array(await file.arrayBuffer()),
      actorId: moderator.id,
    });
    if (!result.ok)
      return problems(
        result.errors.map((e) => formatSurveyError(locale, e)),
        400,
      );
    return data<ActionResult>({
      step: "preview",
      uploadId: result.uploadId,
      fileName: result.fileName,
      plan: result.plan,
    });
  }
  return problems([translator(locale)("error.surveyImport.unknownIntent")], 400);
}

function PlanTable({ plan, caption }: { plan: ImportPlan; caption: string }) {
  const t = useT();
  return (
    <table className="w-full max-w-xl border-collapse text-left">
      <caption className="mb-2 text-left font-medium">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-line">
          <th scope="col" className="py-1 pr-4">
            {t("survey.import.col.wave")}
          </th>
          <th scope="col" className="py-1 pr-4 text-right">
            {t("survey.import.col.new")}
          </th>
          <th scope="col" className="py-1 pr-4 text-right">
            {t("survey.import.col.changed")}
          </th>
          <th scope="col" className="py-1 text-right">
            {t("survey.import.col.unchanged")}
          </th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(plan.perWave).map(([wave, counts]) => (
          <tr key={wave} className="border-b border-line">
            <th scope="row" className="py-1 pr-4 font-normal">
              {wave}
            </th>
            <td className="py-1 pr-4 text-right">{counts.new}</td>
            <td className="py-1 pr-4 text-right">{counts.changed}</td>
            <td className="py-1 text-right">{counts.unchanged}</td>
          </tr>
        ))}
        <tr className="font-semibold">
          <th scope="row" className="py-1 pr-4">
            {t("survey.import.total")}
          </th>
          <td className="py-1 pr-4 text-right">{plan.new}</td>
          <td className="py-1 pr-4 text-right">{plan.changed}</td>
          <td className="py-1 text-right">{plan.unchanged}</td>
        </tr>
      </tbody>
    </table>
  );
}

export default function SurveyImport() {
  const { imports, unlinked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-4xl space-y-10">
      <PageHeader title={t("survey.import.title")} intro={t("survey.import.intro")}>
        <p>
          <Link to="/beheer">{t("beheer.title")}</Link>
          {" · "}
          <Link to="/beheer/enquete/koppelen">{t("survey.link.title")}</Link>{" "}
          <span className="text-muted">({t("survey.link.count", { n: unlinked })})</span>
        </p>
      </PageHeader>

      <section aria-labelledby="upload" className="space-y-4">
        <h2 id="upload">{t("survey.import.upload")}</h2>
        {result?.step === "error" ? (
          <FormMessage>
            <p>{t("survey.import.problems")}</p>
            <ul className="mt-2 list-disc space-y-1 pl-5 font-normal">
              {result.problems.map((problem, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems can repeat; the order is fixed
                <li key={i}>{problem}</li>
              ))}
            </ul>
          </FormMessage>
        ) : null}
        {result?.step === "done" ? (
          <FormMessage tone="ok">
            <p>{t("survey.import.done", { file: result.fileName })}</p>
            <p>
              {t("survey.import.counts", {
                new: result.plan.new,
                changed: result.plan.changed,
                unchanged: result.plan.unchanged,
              })}
            </p>
          </FormMessage>
        ) : null}
        {result?.step === "preview" ? (
          <Form method="post" className="space-y-4 rounded border border-line p-4">
            <h3 className="text-lg font-semibold">{t("survey.import.preview", { file: result.fileName })}</h3>
            <p>
              {t("survey.import.previewText", {
                total: result.plan.total,
                new: result.plan.new,
                changed: result.plan.changed,
                unchanged: result.plan.unchanged,
              })}
            </p>
            <PlanTable plan={result.plan} caption={t("survey.import.perWave")} />
            <input type="hidden" name="uploadId" value={result.uploadId} />
            <div className="flex flex-wrap items-center gap-4">
              <SubmitButton name="intent" value="importeren">
                {t("survey.import.confirm")}
              </SubmitButton>
              <Link to="/beheer/enquete">{t("survey.import.cancel")}</Link>
            </div>
          </Form>
        ) : (
          <Form method="post" encType="multipart/form-data" className="space-y-3">
            <label htmlFor="bestand" className="block font-medium">
              {t("survey.import.file")}
            </label>
            <p id="bestand-hint" className="text-sm text-muted">
              {t("survey.import.fileHint")}
            </p>
            <input
              id="bestand"
              name="bestand"
              type="file"
              accept=".csv,text/csv"
              aria-describedby="bestand-hint"
              className="block"
            />
            <SubmitButton name="intent" value="controleren">
              {t("survey.import.check")}
            </SubmitButton>
          </Form>
        )}
      </section>

      <section aria-labelledby="geschiedenis" className="space-y-3">
        <h2 id="geschiedenis">{t("survey.import.history")}</h2>
        {imports.length === 0 ? (
          <p>{t("survey.import.history.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="mb-2 text-left text-muted">{t("survey.import.history.caption")}</caption>
              <thead>
                <tr className="border-b-2 border-line">
                  <th scope="col" className="py-1 pr-3">
                    {t("survey.import.col.when")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("survey.import.col.file")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("survey.import.col.by")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("survey.import.col.new")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("survey.import.col.changed")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t("survey.import.col.unchanged")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("survey.import.col.waves")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {imports.map((entry) => (
                  <tr key={entry.id} className="border-b border-line align-top">
                    <td className="py-1 pr-3">{formatDateTime(entry.importedAt, locale)}</td>
                    <td className="py-1 pr-3">
                      {entry.fileName}
                      <div className="font-mono text-xs text-muted">
                        <span className="sr-only">SHA-256: </span>
                        {entry.sha256.slice(0, 12)}
                      </div>
                    </td>
                    <td className="py-1 pr-3">
                      {entry.via === "cli" ? t("survey.import.byCli") : (entry.importedBy ?? "—")}
                    </td>
                    <td className="py-1 pr-3 text-right">{entry.new}</td>
                    <td className="py-1 pr-3 text-right">{entry.changed}</td>
                    <td className="py-1 pr-3 text-right">{entry.unchanged}</td>
                    <td className="py-1">{Object.keys(entry.perWave).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
