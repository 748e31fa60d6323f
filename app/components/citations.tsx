import { ContentText } from "#app/components/content-text.tsx";
import { useLocalizedPath, useT } from "#app/i18n/index.ts";
import { contentLang, sourceHref } from "#app/modules/kennisbank/sources.ts";
import { safeHref } from "#app/modules/urls.ts";

/** A note as the article page lists it: the source from the registry and the locator. */
export interface NoteView {
  n: number;
  key: string;
  locator: string;
  /** False when only the fact box refers to it (then there is no place in the text to go back to). */
  inBody: boolean;
  source: {
    title: string;
    publisher: string | null;
    year: string | null;
    url: string | null;
    where: string | null;
    /** The source's language (registry), for the `lang` of its title and publisher. */
    language?: string | null;
  } | null;
}

/** One entry of carrier.cite on the page: a note number, or still to be checked. */
export type CiteView = { n: number } | { check: true; note: string };

/** "N beweringen met bron, M te controleren". */
export function ClaimLine({ sourced, toCheck }: { sourced: number; toCheck: number }) {
  const t = useT();
  return (
    <span>
      {t("claims.line.sourced", { count: sourced })}, {t("claims.line.toCheck", { n: toCheck })}
    </span>
  );
}

/** The note references or "te controleren" marks of a fact-box field. */
export function FieldCites({ cites }: { cites: CiteView[] | undefined }) {
  const t = useT();
  if (!cites?.length) return null;
  return (
    <>
      {cites.map((c) =>
        "n" in c ? (
          <sup key={`n${c.n}`} className="noot">
            <a href={`#noot-${c.n}`} aria-label={`${t("claims.noteLabel")} ${c.n}`}>
              {c.n}
            </a>
          </sup>
        ) : (
          <mark key={`c${c.note}`} className="te-controleren ml-1">
            {c.note ? `${t("claims.toCheck")}: ${c.note}` : t("claims.toCheck")}
          </mark>
        ),
      )}
    </>
  );
}

/** The numbered notes: each links to its source (or says where to find it), with the locator. */
export function NotesList({ notes }: { notes: NoteView[] }) {
  const t = useT();
  const localized = useLocalizedPath();
  if (!notes.length) return null;
  return (
    <section aria-labelledby="noten" className="max-w-3xl space-y-2">
      <h2 id="noten">{t("claims.notes")}</h2>
      <ol className="space-y-2 pl-6 text-sm">
        {notes.map((note) => (
          <li key={note.n} id={`noot-${note.n}`} value={note.n} className="scroll-mt-4">
            {note.source ? (
              <>
                {safeHref(note.source.url) ? (
                  <a href={safeHref(note.source.url)} rel="noopener noreferrer">
                    <ContentText text={note.source.title} lang={contentLang(note.source.language)} />
                  </a>
                ) : (
                  <cite className="not-italic">
                    <ContentText text={note.source.title} lang={contentLang(note.source.language)} />
                  </cite>
                )}
                {note.source.publisher ? (
                  <>
                    , <ContentText text={note.source.publisher} lang={contentLang(note.source.language)} />
                  </>
                ) : null}
                {note.source.year ? `, ${note.source.year}` : null}
                {/* The place in the source, in the words of the article's (Dutch) authors. */}
                {note.locator ? <span lang="nl">, {note.locator}</span> : null}
                {!note.source.url && note.source.where ? (
                  <span className="text-muted">
                    {" "}
                    {/* Where to find it: the moderators' words, in Dutch. */}({t("sources.where")}:{" "}
                    <span lang="nl">{note.source.where}</span>)
                  </span>
                ) : null}{" "}
                <a href={localized(sourceHref(note.key))} className="text-muted">
                  {t("claims.aboutSource")}
                </a>
              </>
            ) : (
              <>
                {note.key}
                {note.locator ? `, ${note.locator}` : null}
              </>
            )}
            {note.inBody ? (
              <>
                {" "}
                <a
                  href={`#noot-${note.n}-ref`}
                  aria-label={t("claims.backToText")}
                  className="inline-block min-h-6 min-w-6 text-center leading-6"
                >
                  ↩
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
