import { type MessageKey, useT } from "#app/i18n/index.ts";
import type { OpenClaim } from "#app/modules/kennisbank/claims.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";

/**
 * The moderator's checklist in the editor: every open "te controleren" claim of the text and the
 * fact box, each resolvable on its own. It sits inside the edit form, so whatever else was typed
 * is sent along and comes back; nothing is saved until the moderator saves.
 */
export function ClaimChecklist({
  claims,
  sources,
  errors,
  lang,
}: {
  claims: OpenClaim[];
  sources: { key: string; title: string; language: string }[];
  errors: Record<string, string | undefined>;
  /** The language of the text being edited, which the claims quote. */
  lang?: string;
}) {
  const t = useT();
  const fieldLabel = (field: string) => {
    const key = `kb.cf.${field}` as MessageKey;
    const label = t(key);
    return label === key ? field : label;
  };
  return (
    <section aria-labelledby="te-controleren-kop" className="space-y-3 rounded-lg border border-line p-4">
      <h2 id="te-controleren-kop" className="text-lg">
        {t("kb.check.title")} ({claims.length})
      </h2>
      <p className="text-sm text-muted">{t("kb.check.intro")}</p>
      {claims.length === 0 ? <p>{t("kb.check.none")}</p> : null}
      {claims.length ? (
        // One list of the registry for every claim's source field: a page with many claims stays light.
        <datalist id="checklist-bronnen">
          {sources.map((s) => (
            <option key={s.key} value={s.key} lang={contentLang(s.language)}>
              {s.title}
            </option>
          ))}
        </datalist>
      ) : null}
      <ol className="space-y-4">
        {claims.map((c, i) => {
          const id = `check-${i}`;
          const error = errors[`claim.${c.ref}`];
          const name = (part: string) => `claim.${c.ref}.${part}`;
          return (
            <li
              key={c.ref}
              className="space-y-2 rounded border border-line p-3"
              aria-labelledby={`${id}-tekst`}
            >
              <input type="hidden" name={name("key")} value={c.key} />
              <p id={`${id}-tekst`}>
                <span className="text-sm font-medium">
                  {c.field ? t("kb.check.field", { field: fieldLabel(c.field) }) : `${t("kb.check.body")}:`}
                </span>{" "}
                {c.field ? null : <q lang={lang}>{c.text}</q>}
                {c.note ? (
                  <span lang={lang} className="te-controleren ml-1">
                    {c.note}
                  </span>
                ) : null}
              </p>
              {error ? (
                <p id={`${id}-fout`} role="alert" className="text-sm font-medium text-accent">
                  {error}
                </p>
              ) : null}
              <div className="flex flex-wrap items-end gap-3">
                <div>
                  <label htmlFor={`${id}-bron`} className="block text-sm font-medium">
                    {t("claims.source")}
                  </label>
                  <input
                    id={`${id}-bron`}
                    name={name("bron")}
                    list="checklist-bronnen"
                    autoComplete="off"
                    aria-describedby={[`${id}-bron-hint`, error ? `${id}-fout` : null]
                      .filter(Boolean)
                      .join(" ")}
                    className="block max-w-xs rounded border border-muted bg-paper px-2 py-1"
                  />
                  <p id={`${id}-bron-hint`} className="sr-only">
                    {t("kb.check.sourceHint")}
                  </p>
                </div>
                <div>
                  <label htmlFor={`${id}-vindplaats`} className="block text-sm font-medium">
                    {t("claims.locator")}
                  </label>
                  <input
                    id={`${id}-vindplaats`}
                    name={name("vindplaats")}
                    maxLength={200}
                    className="block max-w-40 rounded border border-muted px-2 py-1"
                  />
                </div>
                <button
                  type="submit"
                  name="intent"
                  value={`claim-bron:${c.ref}`}
                  aria-describedby={`${id}-tekst`}
                  className="rounded bg-brand px-3 py-1 text-paper"
                >
                  {t("kb.check.cite")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value={`claim-weg:${c.ref}`}
                  aria-describedby={`${id}-tekst`}
                  className="rounded border border-brand px-3 py-1 text-brand"
                >
                  {t("kb.check.remove")}
                </button>
              </div>
              <div className="flex flex-wrap items-end gap-3">
                <div>
                  <label htmlFor={`${id}-notitie`} className="block text-sm font-medium">
                    {t("claims.keepNote")}
                  </label>
                  <input
                    id={`${id}-notitie`}
                    name={name("notitie")}
                    maxLength={1000}
                    className="block max-w-md rounded border border-muted px-2 py-1"
                  />
                </div>
                <button
                  type="submit"
                  name="intent"
                  value={`claim-houden:${c.ref}`}
                  aria-describedby={`${id}-tekst`}
                  className="rounded border border-muted px-3 py-1"
                >
                  {t("kb.check.keep")}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
