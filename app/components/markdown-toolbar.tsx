import { useEffect, useId, useState } from "react";
import { useT } from "#app/i18n/index.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";

/** Guides and sources to pick, each title with its language (WCAG 3.1.2). */
export interface ToolbarChoices {
  articles: { slug: string; title: string; locale: string }[];
  sources: { key: string; title: string; language: string }[];
}

/** Replaces the selection of a textarea and tells the form (live preview, autosave) it changed. */
function edit(area: HTMLTextAreaElement, change: (selected: string) => string, select = false) {
  const { selectionStart: start, selectionEnd: end, value } = area;
  const next = change(value.slice(start, end));
  area.focus();
  area.setRangeText(next, start, end, select ? "select" : "end");
  area.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Prefixes each selected line (or the current line) with a Markdown marker. */
function prefixLines(area: HTMLTextAreaElement, prefix: string) {
  const { selectionStart, value } = area;
  const lineStart = value.lastIndexOf("\n", selectionStart - 1) + 1;
  area.setSelectionRange(lineStart, Math.max(area.selectionEnd, lineStart));
  edit(area, (text) =>
    (text || "")
      .split("\n")
      .map((l) => `${prefix}${l.replace(/^(#{1,6} |- )/, "")}`)
      .join("\n"),
  );
}

/**
 * A small toolbar above the Markdown text: headings, list, bold, a link to another guide picked
 * by title, a citation from the source registry picked by title, with a locator. Shown only where
 * JavaScript runs (without it the textarea works as before). Shortcuts: Ctrl/⌘+B bold,
 * Ctrl/⌘+K link, Ctrl/⌘+Shift+K citation.
 */
export function MarkdownToolbar({ target, choices }: { target: string; choices: ToolbarChoices }) {
  const t = useT();
  const id = useId();
  const [ready, setReady] = useState(false);
  const [panel, setPanel] = useState<"link" | "cite" | null>(null);
  const [articleSlug, setArticleSlug] = useState("");
  const [sourceKey, setSourceKey] = useState("");
  const [locator, setLocator] = useState("");
  const area = () => document.getElementById(target) as HTMLTextAreaElement | null;

  useEffect(() => {
    setReady(true);
    const el = document.getElementById(target);
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === "b" && !e.shiftKey) {
        e.preventDefault();
        edit(e.currentTarget as HTMLTextAreaElement, (s) => `**${s || "vet"}**`);
      } else if (key === "k") {
        e.preventDefault();
        setPanel(e.shiftKey ? "cite" : "link");
      }
    };
    el.addEventListener("keydown", onKey);
    return () => el.removeEventListener("keydown", onKey);
  }, [target]);

  useEffect(() => {
    if (panel) document.getElementById(`${id}-${panel}`)?.focus();
  }, [panel, id]);

  if (!ready) return null;
  const button = "rounded border border-line bg-paper px-2 py-1 text-sm hover:bg-wash";
  const run = (f: (a: HTMLTextAreaElement) => void) => () => {
    const a = area();
    if (a) f(a);
  };
  return (
    <div className="space-y-2">
      <div
        role="toolbar"
        aria-label={t("kb.toolbar.label")}
        aria-controls={target}
        className="flex flex-wrap gap-1"
      >
        <button type="button" className={button} onClick={run((a) => prefixLines(a, "## "))}>
          {t("kb.toolbar.h2")}
        </button>
        <button type="button" className={button} onClick={run((a) => prefixLines(a, "### "))}>
          {t("kb.toolbar.h3")}
        </button>
        <button type="button" className={button} onClick={run((a) => prefixLines(a, "- "))}>
          {t("kb.toolbar.list")}
        </button>
        <button
          type="button"
          className={`${button} font-bold`}
          aria-keyshortcuts="Control+B"
          onClick={run((a) => edit(a, (s) => `**${s || "vet"}**`))}
        >
          {t("kb.toolbar.bold")}
        </button>
        <button
          type="button"
          className={button}
          aria-keyshortcuts="Control+K"
          aria-expanded={panel === "link"}
          onClick={() => setPanel(panel === "link" ? null : "link")}
        >
          {t("kb.toolbar.link")}
        </button>
        <button
          type="button"
          className={button}
          aria-keyshortcuts="Control+Shift+K"
          aria-expanded={panel === "cite"}
          onClick={() => setPanel(panel === "cite" ? null : "cite")}
        >
          {t("kb.toolbar.cite")}
        </button>
      </div>
      {panel === "link" ? (
        <div className="flex flex-wrap items-end gap-2 rounded border border-line p-2">
          <label className="flex flex-col text-sm" htmlFor={`${id}-link`}>
            {t("kb.toolbar.linkPick")}
            <select
              id={`${id}-link`}
              value={articleSlug}
              onChange={(e) => setArticleSlug(e.target.value)}
              className="rounded border border-muted p-1"
            >
              <option value="">—</option>
              {choices.articles.map((a) => (
                <option key={a.slug} value={a.slug} lang={contentLang(a.locale)}>
                  {a.title}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className={button}
            disabled={!articleSlug}
            onClick={run((a) => {
              const picked = choices.articles.find((x) => x.slug === articleSlug);
              if (!picked) return;
              edit(a, (s) => `[${s || picked.title}](/kennisbank/${picked.slug})`);
              setPanel(null);
              setArticleSlug("");
            })}
          >
            {t("kb.toolbar.insertLink")}
          </button>
        </div>
      ) : null}
      {panel === "cite" ? (
        <div className="flex flex-wrap items-end gap-2 rounded border border-line p-2">
          <label className="flex flex-col text-sm" htmlFor={`${id}-cite`}>
            {t("kb.toolbar.citePick")}
            <select
              id={`${id}-cite`}
              value={sourceKey}
              onChange={(e) => setSourceKey(e.target.value)}
              className="max-w-md rounded border border-muted p-1"
            >
              <option value="">—</option>
              <option value="?">{t("kb.toolbar.citeCheck")}</option>
              {choices.sources.map((s) => (
                <option key={s.key} value={s.key} lang={contentLang(s.language)}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm" htmlFor={`${id}-locator`}>
            {t("kb.toolbar.locator")}
            <input
              id={`${id}-locator`}
              value={locator}
              onChange={(e) => setLocator(e.target.value)}
              className="rounded border border-muted p-1"
            />
          </label>
          <button
            type="button"
            className={button}
            disabled={!sourceKey}
            onClick={run((a) => {
              const loc = locator.trim().replace(/[[\]]/g, "");
              // A citation follows its claim after a space: "claim [@key, locator]".
              const before = a.value.slice(0, a.selectionStart);
              const space = (t: string) => (t && !/\s$/.test(t) ? " " : "");
              edit(a, (s) => `${s}${space(s || before)}[@${sourceKey}${loc ? `, ${loc}` : ""}]`);
              setPanel(null);
              setSourceKey("");
              setLocator("");
            })}
          >
            {t("kb.toolbar.insertCite")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
