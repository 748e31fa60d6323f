import { useT } from "#app/i18n/index.ts";
import type { DiffPart } from "#app/modules/kennisbank/diff.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";
import { ContentText } from "./content-text.tsx";
import { DiffView } from "./diff-view.tsx";

/** What the editor's preview shows: the text as it will be published, and the word diff. */
export interface Preview {
  /** The language of the version previewed. */
  locale: string;
  title: string;
  summary: string;
  /** Rendered and sanitised on the server by the same renderer as the article page. */
  html: string;
  /** The notes: a registered source's title is in the source's language. */
  notes: { n: number; title: string; language: string | null; known: boolean; locator: string }[];
  titleDiff: DiffPart[];
  summaryDiff: DiffPart[];
  bodyDiff: DiffPart[];
  /** The fact box (carrier guides), when what was typed is valid. */
  factsDiff?: DiffPart[] | null;
}

/** The text as it will be published, beside the editor. */
export function PreviewPanel({ preview }: { preview: Preview }) {
  const t = useT();
  const lang = contentLang(preview.locale);
  return (
    <section
      id="voorbeeld"
      aria-labelledby="voorbeeld-kop"
      aria-live="polite"
      className="space-y-3 rounded border border-line bg-paper p-4"
    >
      <h2 id="voorbeeld-kop" className="text-sm font-semibold uppercase tracking-wide text-muted">
        {t("kb.preview.title")}
      </h2>
      <p lang={lang} className="text-xl font-bold">
        {preview.title}
      </p>
      <p lang={lang} className="text-muted">
        {preview.summary}
      </p>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered on the server from Markdown and passed through the allow-list sanitiser (markdown.server.ts) */}
      <div lang={lang} className="prose-article" dangerouslySetInnerHTML={{ __html: preview.html }} />
      {preview.notes.length ? (
        <div>
          <p className="font-semibold">{t("kb.preview.notes")}</p>
          <ol className="list-decimal pl-6 text-sm">
            {preview.notes.map((n) => (
              <li key={n.n} className={n.known ? "" : "font-medium text-accent"}>
                <ContentText text={n.title} lang={contentLang(n.language)} />
                {n.locator ? <ContentText text={`, ${n.locator}`} lang={contentLang(lang)} /> : ""}
                {n.known ? "" : ` (${t("kb.preview.unknownSource")})`}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}

/** The word diff against the published version, as moderators will see it. */
export function ChangesPanel({ preview }: { preview: Preview }) {
  const t = useT();
  const lang = contentLang(preview.locale);
  const unchanged = [preview.titleDiff, preview.summaryDiff, preview.bodyDiff, preview.factsDiff ?? []].every(
    (d) => d.every((p) => p.kind === "same"),
  );
  return (
    <section aria-labelledby="wijzigingen-kop" className="space-y-3">
      <h2 id="wijzigingen-kop" className="text-lg font-semibold">
        {t("kb.preview.changes")}
      </h2>
      {unchanged ? (
        <p>{t("kb.preview.unchanged")}</p>
      ) : (
        <>
          <DiffView parts={preview.titleDiff} label={t("kb.edit.title")} lang={lang} />
          <DiffView parts={preview.summaryDiff} label={t("kb.edit.summary")} lang={lang} />
          <DiffView parts={preview.bodyDiff} label={t("kb.edit.body")} lang={lang} />
          {preview.factsDiff?.some((p) => p.kind !== "same") ? (
            <DiffView parts={preview.factsDiff} label={t("kb.preview.facts")} lang={lang} />
          ) : null}
        </>
      )}
    </section>
  );
}
