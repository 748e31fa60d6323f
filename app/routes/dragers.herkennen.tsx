import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { CarrierDrawing as ScaleDrawing } from "#app/components/carrier-drawing.tsx";
import { riskClass } from "#app/components/fact-box.tsx";
import { FormMessage } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { wizardCarriers } from "#app/modules/dragers/dragers.server.ts";
import { CarrierDrawing } from "#app/modules/dragers/drawing.tsx";
import { drawCarrier } from "#app/modules/dragers/drawings.ts";
import {
  type Answers,
  answerLabel,
  answersQuery,
  narrow,
  optionsFor,
  readAnswers,
  type Step,
  stepLabels,
  UNKNOWN,
  type WizardCarrier,
} from "#app/modules/dragers/wizard.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "dragers.wizard.title", "dragers.title") },
];

/** GET /dragers/herkennen?soort=beeld&vorm=cassette...: one question per step, as GET forms. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const carriers = await wizardCarriers(context.db, localeFromRequest(request));
  const answers = readAnswers(new URL(request.url).searchParams);
  return { carriers, answers };
}

const href = (answers: Answers, without?: Step) => {
  const q = answersQuery(answers, without);
  return q ? `/dragers/herkennen?${q}` : "/dragers/herkennen";
};

export default function CarrierWizard() {
  const { carriers, answers } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const result = narrow(carriers, answers);
  const step = result.next;
  // The instant filter: the current step's choice before it is submitted (only with JavaScript).
  const [pending, setPending] = useState<{ key: string; values: string[] }>({ key: "", values: [] });
  const stateKey = answersQuery(answers);
  const tentative =
    step && pending.key === stateKey && pending.values.length
      ? narrow(carriers, { ...answers, [step]: pending.values })
      : result;
  const shown = tentative.candidates;
  const options = step ? optionsFor(step, result.candidates) : [];
  const multiple = step === "opschrift";

  return (
    <div className="space-y-8">
      <PageHeader title={t("dragers.wizard.title")} intro={t("dragers.wizard.intro")}>
        <p>
          <Link to="/dragers">{t("dragers.tools.back")}</Link>
        </p>
      </PageHeader>

      {result.trail.length ? (
        <section aria-labelledby="antwoorden" className="max-w-3xl">
          <h2 id="antwoorden" className="text-lg">
            {t("dragers.wizard.answers")}
          </h2>
          <ul className="mt-2 space-y-1">
            {result.trail.map((entry) => (
              <li key={entry.step}>
                <strong>{stepLabels[entry.step].short[locale]}:</strong>{" "}
                {entry.values.map((v) => answerLabel(entry.step, v, locale)).join(", ")}{" "}
                <span className="text-muted">({t("dragers.wizard.left", { n: entry.after })})</span>{" "}
                <Link to={href(answers, entry.step)}>
                  {t("dragers.wizard.change")}
                  <span className="sr-only"> {stepLabels[entry.step].short[locale]}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-2">
            <Link to="/dragers/herkennen">{t("dragers.wizard.restart")}</Link>
          </p>
        </section>
      ) : null}

      {result.conflicts.map((conflict) => (
        <FormMessage key={conflict.step}>
          {t("dragers.wizard.conflict", {
            step: stepLabels[conflict.step].short[locale],
            answer: conflict.values.map((v) => answerLabel(conflict.step, v, locale)).join(", "),
          })}{" "}
          <Link to={href(answers, conflict.step)}>{t("dragers.wizard.removeAnswer")}</Link>
        </FormMessage>
      ))}

      {step ? (
        <Form
          method="get"
          className="max-w-3xl space-y-4 rounded border border-line p-4"
          onChange={(event) => {
            const data = new FormData(event.currentTarget);
            setPending({ key: stateKey, values: data.getAll(step).map(String) });
          }}
        >
          {Object.entries(answers).flatMap(([key, values]) =>
            key === step
              ? []
              : (values ?? []).map((v) => <input key={`${key}-${v}`} type="hidden" name={key} value={v} />),
          )}
          <fieldset className="space-y-2" aria-describedby="stap-hint">
            <legend className="text-lg font-semibold">{stepLabels[step].question[locale]}</legend>
            <p id="stap-hint" className="text-sm text-muted">
              {stepLabels[step].hint[locale]}
              {multiple ? ` ${t("dragers.wizard.several")}` : ""}
            </p>
            <div className="grid gap-1 sm:grid-cols-2">
              {options.map((option) => {
                const id = `keuze-${step}-${option.value.replace(/[^a-zA-Z0-9]+/g, "-")}`;
                return (
                  <div key={option.value} className="flex items-center gap-2">
                    <input id={id} type={multiple ? "checkbox" : "radio"} name={step} value={option.value} />
                    <label htmlFor={id}>
                      {option.label[locale]}{" "}
                      <span className="text-sm text-muted">
                        ({t("dragers.wizard.optionCount", { n: option.count })})
                      </span>
                    </label>
                  </div>
                );
              })}
              {multiple ? null : (
                <div className="flex items-center gap-2">
                  <input id={`keuze-${step}-onbekend`} type="radio" name={step} value={UNKNOWN} />
                  <label htmlFor={`keuze-${step}-onbekend`}>{t("dragers.wizard.unknown")}</label>
                </div>
              )}
            </div>
          </fieldset>
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              className="rounded bg-brand px-4 py-2 font-medium text-paper hover:bg-brand-dark"
            >
              {t("dragers.wizard.next")}
            </button>
            {multiple ? (
              <button
                type="submit"
                name={step}
                value={UNKNOWN}
                className="rounded border border-brand px-4 py-2 font-medium text-brand"
              >
                {t("dragers.wizard.noMarkings")}
              </button>
            ) : null}
          </div>
        </Form>
      ) : (
        <p className="max-w-3xl text-lg font-medium">{t("dragers.wizard.done")}</p>
      )}

      <section aria-labelledby="kandidaten" className="space-y-3">
        <h2 id="kandidaten">{t("dragers.wizard.candidates")}</h2>
        <p role="status" aria-live="polite" className="text-muted">
          {t("dragers.wizard.count", { count: shown.length })}
        </p>
        <ul className="grid gap-4 md:grid-cols-2">
          {shown.map((c) => (
            <CandidateCard key={c.slug} carrier={c} all={carriers} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function CandidateCard({ carrier, all }: { carrier: WizardCarrier; all: WizardCarrier[] }) {
  const t = useT();
  const lookalikes = carrier.lookalikes.flatMap((slug) => all.filter((c) => c.slug === slug));
  return (
    <li className="flex gap-4 rounded-lg border border-line p-4">
      {drawCarrier(carrier.slug) ? (
        <div className="shrink-0 text-brand">
          <ScaleDrawing
            slug={carrier.slug}
            name={carrier.title}
            size="icon"
            label={t("dragers.wizard.drawing", { name: carrier.title })}
          />
        </div>
      ) : (
        <CarrierDrawing carrier={carrier} label={t("dragers.wizard.drawing", { name: carrier.title })} />
      )}
      <div className="space-y-1">
        <h3 className="text-lg font-semibold">
          <Link to={`/kennisbank/${carrier.slug}`}>{carrier.title}</Link>
        </h3>
        <p className="text-sm">{carrier.size}</p>
        <p className="text-sm text-muted">
          {carrier.yearsFrom}–{carrier.yearsTo ?? t("kb.facts.now")}
        </p>
        <p>
          <span
            className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${riskClass(carrier.riskLevel)}`}
          >
            {t("dragers.col.risk")}: {t(`kb.riskLevel.${carrier.riskLevel}`)}
          </span>
        </p>
        {lookalikes.length ? (
          <p className="text-sm">
            {t("dragers.wizard.lookalikes")}{" "}
            {lookalikes.map((l, i) => (
              <span key={l.slug}>
                {i ? ", " : ""}
                <Link to={`/kennisbank/${l.slug}`}>{l.title}</Link>
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </li>
  );
}
