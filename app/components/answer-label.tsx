// An answer of the survey as a page shows it in HTML: in Dutch as it was asked; on an English page
// the Dutch wording marked `lang="nl"` with its English gloss beside it (WCAG 3.1.2), or only the
// English notation for a number written the Dutch way (questionnaire.ts, `answerInEnglish`).
// Where no markup is possible (a chart, an attribute, a CSV) use `answerLabel(label, locale)`.

import { useLocale } from "#app/i18n/index.ts";
import { answerInEnglish } from "#app/modules/survey/questionnaire.ts";

export function AnswerLabel({ label }: { label: string }) {
  const locale = useLocale();
  if (locale === "nl") return <>{label}</>;
  const { text, lang, gloss } = answerInEnglish(label);
  return (
    <>
      {lang ? <span lang={lang}>{text}</span> : text}
      {gloss ? <span className="font-normal text-muted">{` (${gloss})`}</span> : null}
    </>
  );
}
