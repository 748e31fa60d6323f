import type { DiffPart } from "#app/modules/kennisbank/diff.ts";

/**
 * Renders a word diff: removed words struck through, added words underlined; readable without colour.
 * The words are authored text (`data-content`), in `lang` when that is known (the versions' language).
 */
export function DiffView({ parts, label, lang }: { parts: DiffPart[]; label: string; lang?: string }) {
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm font-medium">{label}</figcaption>
      <pre
        lang={lang}
        data-content=""
        className="whitespace-pre-wrap break-words rounded border border-line bg-wash p-3 font-sans text-sm"
      >
        {parts.map((p, i) => {
          // The parts are a fixed sequence for this render; their position is their identity.
          const key = `${i}-${p.kind}`;
          if (p.kind === "same") return <span key={key}>{p.text}</span>;
          if (p.kind === "added") {
            return (
              <ins key={key} className="bg-green-100 text-green-900 underline">
                {p.text}
              </ins>
            );
          }
          return (
            <del key={key} className="bg-red-100 text-red-900 line-through">
              {p.text}
            </del>
          );
        })}
      </pre>
    </figure>
  );
}
