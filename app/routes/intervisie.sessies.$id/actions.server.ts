// The intents of the session page's action, one small handler each. The route's action reads
// the form, checks access once and dispatches here by the form's `intent`.

import { type AppLoadContext, data } from "@remix-run/node";
import { z } from "zod";
import { type Locale, translator } from "#app/i18n/index.ts";
import { isAppError } from "#app/lib/errors.ts";
import { formFields, formText, formValues, parseForm } from "#app/lib/forms.ts";
import type { SessionUser } from "#app/modules/auth/auth.server.ts";
import { caseSchema, draftCase, setConsent } from "#app/modules/intervisie/sessions/cases.server.ts";
import { saveNotes } from "#app/modules/intervisie/sessions/notes.server.ts";
import { rateSession, ratingSchema } from "#app/modules/intervisie/sessions/ratings.server.ts";
import { assignRoles } from "#app/modules/intervisie/sessions/roles.server.ts";
import { answerRsvp } from "#app/modules/intervisie/sessions/rsvp.server.ts";
import type { ActionResult } from "./shared.tsx";

const answerSchema = z.object({
  answer: z.enum(["yes", "no", "maybe"], { errorMap: () => ({ message: "form.sessionPage.answer" }) }),
});
const notesSchema = z.object({
  notes: z.string().max(50_000, "form.sessionPage.notesLong"),
  // A form without it counts as version 0 (nothing saved yet).
  baseVersion: z.coerce.number().int().min(0).default(0),
});

export interface IntentArgs {
  context: AppLoadContext;
  user: SessionUser;
  /** The session's id, access already checked. */
  id: number;
  form: FormData;
  intent: string;
  /** The page's language, for the answers the handlers give. */
  locale: Locale;
}

type Handler = (args: IntentArgs) => Promise<ReturnType<typeof data<ActionResult>>>;

const fail = (intent: string, errors: Record<string, string>, status = 400) =>
  data<ActionResult>({ intent, errors }, { status });

/** Yes, no or maybe to the session. */
const answer: Handler = async ({ context, user, id, form, intent, locale }) => {
  const parsed = parseForm(answerSchema, form, { locale });
  if (!parsed.ok) return fail(intent, parsed.errors);
  const result = await answerRsvp(context.db, user, id, parsed.value.answer, {
    mailEnv: context.env,
  });
  const messages = {
    going: "notice.session.going",
    waitlist: "notice.session.waitlist",
    maybe: "notice.session.maybe",
    not_going: "notice.session.notGoing",
  } as const;
  return data<ActionResult>({ intent, ok: translator(locale)(messages[result.status]) });
};

/** Who takes which role of the method (the group's managers). */
const roles: Handler = async ({ context, user, id, form, intent, locale }) => {
  const chosen: Record<string, string> = {};
  for (const [key, value] of Object.entries(formValues(form))) {
    if (key.startsWith("rol-")) chosen[key.slice(4)] = value;
  }
  await assignRoles(context.db, user, id, chosen);
  return data<ActionResult>({ intent, ok: translator(locale)("notice.session.rolesSaved") });
};

/** The group's shared notes, with a conflict when someone else saved in between. */
const notes: Handler = async ({ context, user, id, form, intent, locale }) => {
  const parsed = parseForm(notesSchema, form, { locale });
  // Shown at the notes field, also when the hidden version was wrong.
  if (!parsed.ok) return fail(intent, { notes: parsed.message });
  const result = await saveNotes(context.db, user, id, parsed.value);
  if (!result.ok) return data<ActionResult>({ intent, conflict: result.conflict }, { status: 409 });
  return data<ActionResult>({ intent, ok: translator(locale)("notice.session.notesSaved") });
};

/** A score and comment after the session. */
const rate: Handler = async ({ context, user, id, form, intent, locale }) => {
  const parsed = parseForm(ratingSchema, form, { locale });
  if (!parsed.ok) return fail(intent, parsed.errors);
  await rateSession(context.db, user, id, parsed.value);
  return data<ActionResult>({ intent, ok: translator(locale)("notice.session.rated") });
};

/** The case owner's practice case: saved, or submitted when all consents are in. */
const draft: Handler = async ({ context, user, id, form, intent, locale }) => {
  // The sources come as one line of keys; the case rules are in `caseSchema`.
  const fields = formFields(
    form,
    ["title", "question", "advice", "action", "outcome", "sources", "attribution"],
    ["topics", "carriers"],
  );
  const sourceKeys = fields.sources
    .split(/[\s,]+/)
    .map((k) => k.trim().replace(/^@/, ""))
    .filter(Boolean);
  const sent = { ...fields, sourceKeys };
  const parsed = parseForm(caseSchema, sent, { locale });
  if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors, values: sent }, { status: 400 });
  try {
    const result = await draftCase(context.db, user, id, parsed.value);
    return data<ActionResult>({
      intent,
      ok: translator(locale)(result.submitted ? "notice.session.caseSubmitted" : "notice.session.caseSaved"),
    });
  } catch (error) {
    if (isAppError(error) && error.status === 400)
      return data<ActionResult>(
        { intent, errors: { form: error.text(locale) }, values: sent },
        { status: 400 },
      );
    throw error;
  }
};

/** A present member's consent to the case, or its withdrawal; both answer as "casus-toestemming". */
const consent: Handler = async ({ context, user, id, form, intent, locale }) => {
  const give = intent === "casus-toestemming";
  const result = await setConsent(context.db, user, id, {
    give,
    nameInstitution: formText(form, "nameInstitution") === "ja",
  });
  return data<ActionResult>({
    intent: "casus-toestemming",
    ok: translator(locale)(
      !give
        ? "notice.session.consentWithdrawn"
        : result.submitted
          ? "notice.session.consentComplete"
          : "notice.session.consentGiven",
    ),
  });
};

const handlers: Record<string, Handler> = {
  antwoord: answer,
  rollen: roles,
  notities: notes,
  beoordelen: rate,
  casus: draft,
  "casus-toestemming": consent,
  "casus-intrekken": consent,
};

/** The handler for a form's intent; an unknown intent gets an error in the page's language. */
export function handleIntent(args: IntentArgs) {
  const handler = Object.hasOwn(handlers, args.intent) ? handlers[args.intent]! : null;
  return handler
    ? handler(args)
    : Promise.resolve(fail(args.intent, { form: translator(args.locale)("error.form.unknownIntent") }));
}
