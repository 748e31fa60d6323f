// "Kom je?": a member's yes, no or maybe before the session starts, with the place on the
// waiting list.

import { FieldError, fieldIds, SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { type MessageKey, useT } from "#app/i18n/index.ts";
import { type ActionResult, Result, radio, Section, type SessionData } from "./shared.tsx";

const statusKey: Record<string, MessageKey> = {
  going: "sessie.status.going",
  waitlist: "sessie.status.waitlist",
  maybe: "sessie.status.maybe",
  not_going: "sessie.status.notGoing",
};

export function RsvpSection({
  attendance,
  me,
  result,
}: Pick<SessionData, "attendance" | "me"> & { result: ActionResult | undefined }) {
  const t = useT();
  const answerError = result?.intent === "antwoord" ? result.errors?.answer : undefined;
  const answerValue =
    me.status === "going" || me.status === "waitlist"
      ? "yes"
      : me.status === "not_going"
        ? "no"
        : me.status === "maybe"
          ? "maybe"
          : undefined;
  return (
    <Section id="antwoord" title={t("sessie.rsvp.title")}>
      <Result result={result} intent="antwoord" />
      {me.status ? (
        <p>
          {t("sessie.rsvp.current")}: <strong>{t(statusKey[me.status]!)}</strong>
          {me.status === "waitlist"
            ? ` (${t("sessie.rsvp.position", { n: attendance.waitlist.findIndex((a) => a.userId === me.id) + 1 })})`
            : null}
        </p>
      ) : null}
      <Form method="post" className="space-y-3" key={me.status ?? "geen"}>
        <input type="hidden" name="intent" value="antwoord" />
        <fieldset className="space-y-2" {...fieldIds("antwoord", "hint", answerError)}>
          <legend className="font-medium">{t("sessie.rsvp.legend")}</legend>
          <p id="antwoord-hint" className="text-sm text-muted">
            {t("sessie.rsvp.hint")}
          </p>
          {(["yes", "no", "maybe"] as const).map((answer) => (
            <label key={answer} className="flex items-center gap-2">
              <input
                type="radio"
                name="answer"
                value={answer}
                defaultChecked={answerValue === answer}
                className={radio}
              />
              {t(`sessie.rsvp.${answer}` as MessageKey)}
            </label>
          ))}
          <FieldError id="antwoord" error={answerError} />
        </fieldset>
        <SubmitButton>{t("sessie.rsvp.submit")}</SubmitButton>
      </Form>
    </Section>
  );
}
