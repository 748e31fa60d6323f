// The self-assessment form: the same questionnaire a member fills in for their own institution
// in the app. Reads the submitted form into the shape an imported row has (parse.ts), so that
// profiles and matching treat both alike. Shared by server and browser (no server imports).

import { z } from "zod";
import { type Translator, translator } from "#app/i18n/index.ts";
import { type FormErrors, parseForm } from "#app/lib/forms.ts";
import { type InstitutionType, institutionTypes } from "#app/modules/taxonomy.ts";
import type { SurveyRow } from "./parse.ts";
import {
  type AiUse,
  type Answers,
  aiUseLabels,
  type ChoiceColumn,
  choiceColumns,
  labelsOf,
  type Province,
  provinces,
  questionnaire,
} from "./questionnaire.ts";

export type SelfAssessment = Pick<SurveyRow, "institutionType" | "province" | "answers" | "aiUses">;

/** The questions of the form, in questionnaire order, grouped; private and key columns left out. */
export const formQuestions = questionnaire.filter(
  (def) =>
    def.kind === "choice" ||
    def.kind === "multi" ||
    def.kind === "province" ||
    def.kind === "institution_type",
);

/** Turns a message key into the text of the page's language; Dutch unless the caller says otherwise. */
export type Translate = Translator;
export const dutch: Translate = translator("nl");

/**
 * The submitted form, checked: every answer must be one of the question's labels (or blank:
 * not answered). The institution type is required, and at least one question must be answered.
 */
export function readSelfAssessment(
  form: FormData,
  t: Translate = dutch,
): { ok: true; value: SelfAssessment } | { ok: false; errors: FormErrors } {
  const knownType = (v: string) => (institutionTypes as readonly string[]).includes(v) && v !== "Onbekend";
  const schema = z
    .object({
      institution_type: trimmed().refine(knownType, t("survey.error.type")),
      province: trimmed().refine(
        (v) => v === "" || (provinces as readonly string[]).includes(v),
        t("survey.error.province"),
      ),
      ...(Object.fromEntries(choiceColumns.map((column) => [column, choiceAnswer(column, t)])) as Record<
        ChoiceColumn,
        ReturnType<typeof choiceAnswer>
      >),
      ai_uses: z.array(z.string()).transform((values, ctx) => {
        const aiUses: AiUse[] = [];
        for (const value of values) {
          if (value === "") continue;
          if (!(aiUseLabels as readonly string[]).includes(value))
            ctx.addIssue({ code: "custom", message: t("survey.error.aiUses") });
          else if (!aiUses.includes(value as AiUse)) aiUses.push(value as AiUse);
        }
        return aiUses.sort((a, b) => aiUseLabels.indexOf(a) - aiUseLabels.indexOf(b));
      }),
    })
    // Something answered; not said again when the type is missing.
    .refine(
      (v) => !knownType(v.institution_type) || choiceColumns.some((column) => v[column] !== ""),
      t("survey.error.none"),
    );
  const parsed = parseForm(schema, form, { arrays: ["ai_uses"] });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { institution_type, province, ai_uses, ...given } = parsed.value;
  const answers = {} as Record<ChoiceColumn, string | null>;
  for (const column of choiceColumns) answers[column] = given[column] || null;
  return {
    ok: true,
    value: {
      institutionType: institution_type as InstitutionType,
      province: province === "" ? null : (province as Province),
      answers: answers as Answers,
      aiUses: ai_uses,
    },
  };
}

/** A text field, trimmed; "" when not sent. A function, so the browser bundle runs no zod. */
const trimmed = () =>
  z
    .string()
    .default("")
    .transform((v) => v.trim());

/** One question's answer: blank (not answered) or one of its labels. */
export function choiceAnswer(column: ChoiceColumn, t: Translate = dutch) {
  return trimmed().refine(
    (v) => v === "" || (labelsOf(column) as readonly string[]).includes(v),
    t("survey.error.choice"),
  );
}
