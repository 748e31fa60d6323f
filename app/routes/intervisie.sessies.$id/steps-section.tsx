// The method's steps, each with its minutes, instruction and who leads it, and the timer that
// walks through them.

import { SessionTimer } from "#app/components/session-timer.tsx";
import { useLocale, useT } from "#app/i18n/index.ts";
import { Section, type SessionData, useRoleName } from "./shared.tsx";

export function StepsSection({
  method,
  roleHolders,
}: {
  method: NonNullable<SessionData["method"]>;
  roleHolders: SessionData["roleHolders"];
}) {
  const t = useT();
  const locale = useLocale();
  const roleName = useRoleName();
  const leaders = (who: readonly string[]) =>
    who
      .map((w) =>
        w === "all"
          ? t("sessie.steps.everyone")
          : `${roleName(w)}${roleHolders[w] ? ` (${roleHolders[w]})` : ""}`,
      )
      .join(", ");
  const steps = method.steps.map((s) => ({
    key: s.key,
    title: locale === "en" ? s.en : s.nl,
    minutes: s.minutes,
    instruction: locale === "en" ? s.instructionEn : s.instructionNl,
    leaders: leaders(s.who),
  }));
  return (
    <Section
      id="stappen"
      title={t("sessie.steps.title", { method: locale === "en" ? method.en : method.nl })}
    >
      <p className="text-muted">{locale === "en" ? method.summaryEn : method.summaryNl}</p>
      <ol className="space-y-3">
        {steps.map((step, i) => (
          <li key={step.key} className="rounded border border-line p-3">
            <p className="font-medium">
              {i + 1}. {step.title}{" "}
              <span className="text-muted">({t("sessie.steps.minutes", { n: step.minutes })})</span>
            </p>
            <p className="text-sm">{step.instruction}</p>
            <p className="text-sm text-muted">
              {t("sessie.steps.leads")}: {step.leaders}
            </p>
          </li>
        ))}
      </ol>
      <h3 className="font-semibold">{t("sessie.timer.title")}</h3>
      <SessionTimer steps={steps} />
    </Section>
  );
}
