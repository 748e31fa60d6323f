// The self-assessment form: the same questionnaire a member fills in for their own institution
// in the app. Reads the submitted form into the shape an imported row has (parse.ts), so that
// profiles and matching treat both alike. Shared by server and browser (no server imports).

import { type MessageKey, nl } from "#app/i18n/nl.ts";
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

export type FormErrors = Record<string, string>;

/** Turns a message key into the text of the page's language; Dutch unless the caller says otherwise. */
export type Translate = (key: MessageKey) => string;
export const dutch: Translate = (key) => nl[key];

/**
 * The submitted form, checked: every answer must be one of the question's labels (or blank:
 * not answered). The institution type is required, and at least one question must be answered.
 */
export function readSelfAssessment(
  form: FormData,
  t: Translate = dutch,
): { ok: true; value: SelfAssessment } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.trim() : "";
  };

  const type = text("institution_type");
  if (!(institutionTypes as readonly string[]).includes(type) || type === "Onbekend") {
    errors.institution_type = t("survey.error.type");
  }
  const province = text("province");
  if (province !== "" && !(provinces as readonly string[]).includes(province)) {
    errors.province = t("survey.error.province");
  }

  const answers = {} as Record<ChoiceColumn, string | null>;
  let answered = 0;
  for (const column of choiceColumns) {
    const value = text(column);
    if (value === "") {
      answers[column] = null;
    } else if ((labelsOf(column) as readonly string[]).includes(value)) {
      answers[column] = value;
      answered++;
    } else {
      answers[column] = null;
      errors[column] = t("survey.error.choice");
    }
  }

  const aiUses: AiUse[] = [];
  for (const value of form.getAll("ai_uses")) {
    if (typeof value !== "string" || value === "") continue;
    if (!(aiUseLabels as readonly string[]).includes(value)) errors.ai_uses = t("survey.error.aiUses");
    else if (!aiUses.includes(value as AiUse)) aiUses.push(value as AiUse);
  }
  aiUses.sort((a, b) => aiUseLabels.indexOf(a) - aiUseLabels.indexOf(b));

  if (answered === 0 && !errors.institution_type) {
    errors.form = t("survey.error.none");
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      institutionType: type as InstitutionType,
      province: province === "" ? null : (province as Province),
      answers: answers as Answers,
      aiUses,
    },
  };
}
