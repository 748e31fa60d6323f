// After the start: a score of 1 to 5 and a comment, for members who came.

import { FieldError, fieldIds, SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { useT } from "#app/i18n/index.ts";
import { type ActionResult, Result, radio, Section, type SessionData } from "./shared.tsx";

export function RatingSection({
  me,
  result,
}: Pick<SessionData, "me"> & { result: ActionResult | undefined }) {
  const t = useT();
  const ratingErrors = result?.intent === "beoordelen" ? (result.errors ?? {}) : {};
  return (
    <Section id="beoordeling" title={t("sessie.rating.title")}>
      <Result result={result} intent="beoordelen" />
      {me.canRate ? (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="beoordelen" />
          <fieldset className="space-y-2" {...fieldIds("score", undefined, ratingErrors.score)}>
            <legend className="font-medium">{t("sessie.rating.legend")}</legend>
            <div className="flex flex-wrap gap-4">
              {[1, 2, 3, 4, 5].map((score) => (
                <label key={score} className="flex items-center gap-1">
                  <input
                    type="radio"
                    name="score"
                    value={score}
                    defaultChecked={me.rating?.score === score}
                    className={radio}
                  />
                  {score}
                </label>
              ))}
            </div>
            <p className="text-sm text-muted">{t("sessie.rating.scale")}</p>
            <FieldError id="score" error={ratingErrors.score} />
          </fieldset>
          <div className="space-y-1">
            <label htmlFor="veld-comment" className="block font-medium">
              {t("sessie.rating.comment")}
            </label>
            <textarea
              id="veld-comment"
              name="comment"
              rows={3}
              defaultValue={me.rating?.comment ?? ""}
              {...fieldIds("comment", undefined, ratingErrors.comment)}
              className="block w-full max-w-xl rounded border border-muted px-3 py-2"
            />
            <FieldError id="comment" error={ratingErrors.comment} />
          </div>
          <SubmitButton>{me.rating ? t("sessie.rating.update") : t("sessie.rating.submit")}</SubmitButton>
        </Form>
      ) : (
        <p className="text-muted">{t("sessie.rating.onlyGoing")}</p>
      )}
    </Section>
  );
}
