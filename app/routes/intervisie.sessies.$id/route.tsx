import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormMessage, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PracticeCaseSection } from "#app/components/practice-case.tsx";
import { SessionTimer } from "#app/components/session-timer.tsx";
import { localeFromRequest, type MessageKey, useLocale, useT } from "#app/i18n/index.ts";
import { errorResponse, isAppError, throwAsResponse } from "#app/lib/errors.ts";
import { idParam } from "#app/lib/params.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { formatSessionTime } from "#app/modules/intervisie/amsterdam-time.ts";
import { findMethod, sessionRoles } from "#app/modules/intervisie/methods.ts";
import {
  caseForSession,
  caseSchema,
  draftCase,
  setConsent,
} from "#app/modules/intervisie/sessions/cases.server.ts";
import { requireSessionAccess } from "#app/modules/intervisie/sessions/core.server.ts";
import { saveNotes } from "#app/modules/intervisie/sessions/notes.server.ts";
import { groupName } from "#app/modules/intervisie/sessions/planning.server.ts";
import {
  myRating,
  rateSession,
  ratingRefusal,
  ratingSchema,
} from "#app/modules/intervisie/sessions/ratings.server.ts";
import { assignRoles, groupMembers } from "#app/modules/intervisie/sessions/roles.server.ts";
import { answerRsvp, listAttendance, myRsvpStatus } from "#app/modules/intervisie/sessions/rsvp.server.ts";
import { listPublishedArticles } from "#app/modules/kennisbank/articles.server.ts";
import { safeHref } from "#app/modules/urls.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.session.title ?? "Bijeenkomst"} · Intervisie · AV-Kennisnet` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params, "id");
  const { session, access } = await requireSessionAccess(context.db, id, user).catch(throwAsResponse);
  const now = new Date();
  const [name, attendance, members, myStatus, rating, practice] = await Promise.all([
    groupName(context.db, session.groupId),
    listAttendance(context.db, id),
    groupMembers(context.db, session.groupId),
    myRsvpStatus(context.db, id, user.id),
    myRating(context.db, id, user.id),
    caseForSession(context.db, user, { session, access }, now),
  ]);
  const carrierOptions = practice?.canDraft
    ? (await listPublishedArticles(context.db, { locale: localeFromRequest(request), kind: "drager" })).map(
        (a) => ({ slug: a.slug, title: a.title }),
      )
    : [];
  const method = findMethod(session.method);
  const memberName = new Map(members.map((m) => [m.userId, m.name]));
  const roleHolders = Object.fromEntries(
    Object.entries(session.roles).map(([role, userId]) => [role, memberName.get(userId) ?? ""]),
  );
  const started = session.startsAt.getTime() <= now.getTime();
  return {
    session: {
      id: session.id,
      groupId: session.groupId,
      groupName: name,
      title: session.title,
      startsAt: session.startsAt.toISOString(),
      durationMinutes: session.durationMinutes,
      onlineUrl: session.onlineUrl,
      address: session.address,
      capacity: session.capacity,
      cancelled: session.cancelledAt !== null,
      started,
      roles: session.roles,
      // Notes are the group's own: not even moderators read them.
      notes: access.membership !== null ? session.notes : null,
      notesVersion: session.notesVersion,
    },
    method: method
      ? {
          key: method.key,
          nl: method.nl,
          en: method.en,
          summaryNl: method.summaryNl,
          summaryEn: method.summaryEn,
          roles: [...method.roles],
          steps: method.steps.map((s) => ({ ...s, who: [...s.who] })),
        }
      : null,
    roleHolders,
    members,
    attendance,
    practice,
    carrierOptions,
    me: {
      id: user.id,
      isMember: access.membership !== null,
      canManage: access.canManage,
      status: myStatus,
      rating,
      canRate: access.membership !== null && ratingRefusal(session, myStatus, now) === null,
    },
  };
}

const answerSchema = z.object({
  answer: z.enum(["yes", "no", "maybe"], { errorMap: () => ({ message: "Kies ja, nee of misschien." }) }),
});
const notesSchema = z.object({
  notes: z.string().max(50_000, "De notities mogen hooguit 50.000 tekens hebben."),
  baseVersion: z.coerce.number().int().min(0),
});

type ActionResult = {
  intent: string;
  ok?: string;
  errors?: Record<string, string>;
  /** What the case owner sent, back in the form after an error. */
  values?: Record<string, string | string[]>;
  conflict?: { theirs: string; theirsVersion: number; mine: string };
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(params, "id");
  await requireSessionAccess(context.db, id, user).catch(throwAsResponse);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = (errors: Record<string, string>, status = 400) =>
    data<ActionResult>({ intent, errors }, { status });
  try {
    if (intent === "antwoord") {
      const parsed = answerSchema.safeParse({ answer: form.get("answer") ?? undefined });
      if (!parsed.success) return fail({ answer: parsed.error.issues[0]!.message });
      const result = await answerRsvp(context.db, user, id, parsed.data.answer, {
        mailEnv: context.env,
      });
      const messages = {
        going: "Je bent aangemeld.",
        waitlist:
          "De bijeenkomst is vol: je staat op de wachtlijst en schuift vanzelf door als er plaats komt.",
        maybe: "Je antwoord is opgeslagen: misschien. Je houdt daarmee geen plaats vast.",
        not_going: "Je hebt afgezegd.",
      } as const;
      return data<ActionResult>({ intent, ok: messages[result.status] });
    }
    if (intent === "rollen") {
      const roles: Record<string, string> = {};
      for (const [key, value] of form.entries()) {
        if (key.startsWith("rol-") && typeof value === "string") roles[key.slice(4)] = value;
      }
      await assignRoles(context.db, user, id, roles);
      return data<ActionResult>({ intent, ok: "De rollen zijn opgeslagen." });
    }
    if (intent === "notities") {
      const parsed = notesSchema.safeParse({
        notes: form.get("notes") ?? "",
        baseVersion: form.get("baseVersion"),
      });
      if (!parsed.success) return fail({ notes: parsed.error.issues[0]!.message });
      const result = await saveNotes(context.db, user, id, parsed.data);
      if (!result.ok) return data<ActionResult>({ intent, conflict: result.conflict }, { status: 409 });
      return data<ActionResult>({ intent, ok: "De notities zijn opgeslagen." });
    }
    if (intent === "beoordelen") {
      const parsed = ratingSchema.safeParse({
        score: form.get("score") ?? undefined,
        comment: form.get("comment") ?? "",
      });
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
        return fail(errors);
      }
      await rateSession(context.db, user, id, parsed.data);
      return data<ActionResult>({ intent, ok: "Dank je wel voor je beoordeling." });
    }
    if (intent === "casus") {
      const values = {
        title: String(form.get("title") ?? ""),
        question: String(form.get("question") ?? ""),
        advice: String(form.get("advice") ?? ""),
        action: String(form.get("action") ?? ""),
        outcome: String(form.get("outcome") ?? ""),
        topics: form.getAll("topics").map(String),
        carriers: form.getAll("carriers").map(String),
        sourceKeys: String(form.get("sources") ?? "")
          .split(/[\s,]+/)
          .map((k) => k.trim().replace(/^@/, ""))
          .filter(Boolean),
        attribution: String(form.get("attribution") ?? ""),
      };
      const parsed = caseSchema.safeParse(values);
      const sent = { ...values, sources: String(form.get("sources") ?? "") };
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
        return data<ActionResult>({ intent, errors, values: sent }, { status: 400 });
      }
      try {
        const result = await draftCase(context.db, user, id, parsed.data);
        return data<ActionResult>({
          intent,
          ok: result.submitted
            ? "De praktijkcasus is ingediend bij de kennisbank."
            : "De praktijkcasus is opgeslagen. De andere aanwezigen is om toestemming gevraagd.",
        });
      } catch (error) {
        if (isAppError(error) && error.status === 400)
          return data<ActionResult>(
            { intent, errors: { form: error.message }, values: sent },
            { status: 400 },
          );
        throw error;
      }
    }
    if (intent === "casus-toestemming" || intent === "casus-intrekken") {
      const give = intent === "casus-toestemming";
      const result = await setConsent(context.db, user, id, {
        give,
        nameInstitution: form.get("nameInstitution") === "ja",
      });
      return data<ActionResult>({
        intent: "casus-toestemming",
        ok: !give
          ? "Je toestemming is ingetrokken. De casus gaat niet naar de kennisbank zolang die ontbreekt."
          : result.submitted
            ? "Dank je. Iedereen heeft toestemming gegeven: de casus gaat nu ter beoordeling naar de kennisbank."
            : "Dank je, je toestemming is vastgelegd. De casus wacht op de andere aanwezigen.",
      });
    }
    return fail({ form: "Onbekende actie." });
  } catch (error) {
    return errorResponse(error, (e) => ({ intent, errors: { form: e.message } }) satisfies ActionResult, {
      asErrorPage: [404],
    });
  }
}

const statusKey: Record<string, MessageKey> = {
  going: "sessie.status.going",
  waitlist: "sessie.status.waitlist",
  maybe: "sessie.status.maybe",
  not_going: "sessie.status.notGoing",
};

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Result({ result, intent }: { result: ActionResult | undefined; intent: string }) {
  if (!result || result.intent !== intent) return null;
  if (result.ok) return <FormMessage tone="ok">{result.ok}</FormMessage>;
  if (result.errors?.form) return <FormMessage>{result.errors.form}</FormMessage>;
  return null;
}

const radio = "size-4 accent-brand focus-visible:outline-2 focus-visible:outline-offset-2";

export default function SessionPage() {
  const { session, method, roleHolders, members, attendance, practice, carrierOptions, me } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [search] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const roleName = (key: string) => {
    const role = sessionRoles.find((r) => r.key === key);
    return role ? (locale === "en" ? role.en : role.nl) : key;
  };
  const leaders = (who: readonly string[]) =>
    who
      .map((w) =>
        w === "all"
          ? t("sessie.steps.everyone")
          : `${roleName(w)}${roleHolders[w] ? ` (${roleHolders[w]})` : ""}`,
      )
      .join(", ");
  const steps =
    method?.steps.map((s) => ({
      key: s.key,
      title: locale === "en" ? s.en : s.nl,
      minutes: s.minutes,
      instruction: locale === "en" ? s.instructionEn : s.instructionNl,
      leaders: leaders(s.who),
    })) ?? [];
  const flash = search.get("gepland")
    ? t("sessie.flash.planned")
    : search.get("gewijzigd")
      ? t("sessie.flash.updated")
      : search.get("afgezegd")
        ? t("sessie.flash.cancelled")
        : null;
  const answerError = result?.intent === "antwoord" ? result.errors?.answer : undefined;
  const ratingErrors = result?.intent === "beoordelen" ? (result.errors ?? {}) : {};
  const conflict = result?.intent === "notities" ? result.conflict : undefined;
  const answerValue =
    me.status === "going" || me.status === "waitlist"
      ? "yes"
      : me.status === "not_going"
        ? "no"
        : me.status === "maybe"
          ? "maybe"
          : undefined;

  return (
    <div className="max-w-4xl space-y-10">
      <PageHeader title={session.title}>
        <p>
          <Link to={`/intervisie/groepen/${session.groupId}`}>
            {t("sessie.backToGroup").replace("{group}", session.groupName)}
          </Link>
        </p>
        {flash ? <FormMessage tone="ok">{flash}</FormMessage> : null}
        {session.cancelled ? <FormMessage>{t("sessie.cancelledNotice")}</FormMessage> : null}
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("sessie.when")}</dt>
          <dd>{formatSessionTime(session.startsAt, locale, session.durationMinutes)}</dd>
          {session.address ? (
            <>
              <dt className="font-medium">{t("sessie.address")}</dt>
              <dd>{session.address}</dd>
            </>
          ) : null}
          {session.onlineUrl ? (
            <>
              <dt className="font-medium">{t("sessie.online")}</dt>
              <dd>
                {safeHref(session.onlineUrl) ? (
                  <a href={safeHref(session.onlineUrl)} rel="noopener noreferrer">
                    {session.onlineUrl}
                  </a>
                ) : (
                  session.onlineUrl
                )}
              </dd>
            </>
          ) : null}
          <dt className="font-medium">{t("sessie.method")}</dt>
          <dd>{method ? (locale === "en" ? method.en : method.nl) : "—"}</dd>
          <dt className="font-medium">{t("sessie.places")}</dt>
          <dd>
            {t("sessie.placesValue")
              .replace("{going}", String(attendance.going.length))
              .replace("{capacity}", String(session.capacity))}
          </dd>
        </dl>
        <p className="flex flex-wrap gap-4">
          <a href={`/intervisie/sessies/${session.id}.ics`} download>
            {t("sessie.ics")}
          </a>
          <Link to="/intervisie/agenda">{t("sessie.feedLink")}</Link>
          {me.canManage && !session.cancelled ? (
            <Link to={`/intervisie/groepen/${session.groupId}/sessies/nieuw?sessie=${session.id}`}>
              {t("sessie.edit")}
            </Link>
          ) : null}
        </p>
      </PageHeader>

      {me.isMember && !session.cancelled && !session.started ? (
        <Section id="antwoord" title={t("sessie.rsvp.title")}>
          <Result result={result} intent="antwoord" />
          {me.status ? (
            <p>
              {t("sessie.rsvp.current")}: <strong>{t(statusKey[me.status]!)}</strong>
              {me.status === "waitlist"
                ? ` (${t("sessie.rsvp.position").replace(
                    "{n}",
                    String(attendance.waitlist.findIndex((a) => a.userId === me.id) + 1),
                  )})`
                : null}
            </p>
          ) : null}
          <Form method="post" className="space-y-3" key={me.status ?? "geen"}>
            <input type="hidden" name="intent" value="antwoord" />
            <fieldset
              className="space-y-2"
              aria-describedby={answerError ? "antwoord-fout" : "antwoord-hint"}
              aria-invalid={answerError ? true : undefined}
            >
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
              {answerError ? (
                <p id="antwoord-fout" className="text-sm font-medium text-accent">
                  {answerError}
                </p>
              ) : null}
            </fieldset>
            <SubmitButton>{t("sessie.rsvp.submit")}</SubmitButton>
          </Form>
        </Section>
      ) : null}

      <Section id="deelnemers" title={t("sessie.attendance.title")}>
        <div className="grid gap-6 sm:grid-cols-2">
          <div>
            <h3 className="font-semibold">
              {t("sessie.attendance.going")} ({attendance.going.length}/{session.capacity})
            </h3>
            {attendance.going.length ? (
              <ul className="list-disc pl-5">
                {attendance.going.map((a) => (
                  <li key={a.userId}>{a.name}</li>
                ))}
              </ul>
            ) : (
              <p className="text-muted">{t("sessie.attendance.nobody")}</p>
            )}
          </div>
          <div>
            <h3 className="font-semibold">
              {t("sessie.attendance.waitlist")} ({attendance.waitlist.length})
            </h3>
            {attendance.waitlist.length ? (
              <ol className="list-decimal pl-5">
                {attendance.waitlist.map((a) => (
                  <li key={a.userId}>{a.name}</li>
                ))}
              </ol>
            ) : (
              <p className="text-muted">{t("sessie.attendance.nobody")}</p>
            )}
          </div>
          {attendance.maybe.length ? (
            <div>
              <h3 className="font-semibold">{t("sessie.attendance.maybe")}</h3>
              <ul className="list-disc pl-5">
                {attendance.maybe.map((a) => (
                  <li key={a.userId}>{a.name}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {attendance.notGoing.length ? (
            <div>
              <h3 className="font-semibold">{t("sessie.attendance.notGoing")}</h3>
              <ul className="list-disc pl-5">
                {attendance.notGoing.map((a) => (
                  <li key={a.userId}>{a.name}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </Section>

      {method ? (
        <Section
          id="stappen"
          title={t("sessie.steps.title").replace("{method}", locale === "en" ? method.en : method.nl)}
        >
          <p className="text-muted">{locale === "en" ? method.summaryEn : method.summaryNl}</p>
          <ol className="space-y-3">
            {steps.map((step, i) => (
              <li key={step.key} className="rounded border border-line p-3">
                <p className="font-medium">
                  {i + 1}. {step.title}{" "}
                  <span className="text-muted">
                    ({t("sessie.steps.minutes").replace("{n}", String(step.minutes))})
                  </span>
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
      ) : null}

      <Section id="rollen" title={t("sessie.roles.title")}>
        {method ? (
          <ul className="list-disc pl-5">
            {method.roles.map((role) => (
              <li key={role}>
                {roleName(role)}: {roleHolders[role] || t("sessie.roles.open")}
              </li>
            ))}
          </ul>
        ) : null}
        {me.canManage && method && !session.cancelled ? (
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="rollen" />
            <Result result={result} intent="rollen" />
            <fieldset className="space-y-3">
              <legend className="font-medium">{t("sessie.roles.legend")}</legend>
              {method.roles.map((role) => (
                <SelectField
                  key={role}
                  label={roleName(role)}
                  name={`rol-${role}`}
                  defaultValue={session.roles[role] ?? ""}
                >
                  <option value="">{t("sessie.roles.nobody")}</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name}
                    </option>
                  ))}
                </SelectField>
              ))}
            </fieldset>
            <SubmitButton>{t("sessie.roles.submit")}</SubmitButton>
          </Form>
        ) : null}
      </Section>

      <Section id="notities" title={t("sessie.notes.title")}>
        <p className="text-sm text-muted">{t("sessie.notes.private")}</p>
        <Result result={result} intent="notities" />
        {session.notes === null ? <p>{t("sessie.notes.membersOnly")}</p> : null}
        {session.notes !== null && conflict ? (
          <div role="alert" className="space-y-2 rounded border-2 border-accent p-3">
            <p className="font-medium text-accent">{t("sessie.notes.conflict")}</p>
            <h3 className="font-semibold">{t("sessie.notes.theirs")}</h3>
            <pre className="whitespace-pre-wrap rounded border border-line p-3 text-sm">
              {conflict.theirs || "—"}
            </pre>
          </div>
        ) : null}
        {session.notes === null ? null : (
          <Form
            method="post"
            className="space-y-3"
            key={conflict ? `c${conflict.theirsVersion}` : `v${session.notesVersion}`}
          >
            <input type="hidden" name="intent" value="notities" />
            <input
              type="hidden"
              name="baseVersion"
              value={conflict ? conflict.theirsVersion : session.notesVersion}
            />
            <div className="space-y-1">
              <label htmlFor="veld-notes" className="block font-medium">
                {conflict ? t("sessie.notes.mine") : t("sessie.notes.label")}
              </label>
              <textarea
                id="veld-notes"
                name="notes"
                rows={10}
                defaultValue={conflict ? conflict.mine : session.notes}
                className="block w-full rounded border border-muted px-3 py-2"
              />
            </div>
            <SubmitButton>{conflict ? t("sessie.notes.saveMerged") : t("sessie.notes.submit")}</SubmitButton>
          </Form>
        )}
      </Section>

      {practice && (practice.case || practice.canDraft) ? (
        <PracticeCaseSection
          practice={practice}
          me={me.id}
          carrierOptions={carrierOptions}
          result={result?.intent === "casus" || result?.intent === "casus-toestemming" ? result : undefined}
        />
      ) : null}

      {session.started && me.isMember && !session.cancelled ? (
        <Section id="beoordeling" title={t("sessie.rating.title")}>
          <Result result={result} intent="beoordelen" />
          {me.canRate ? (
            <Form method="post" className="space-y-3">
              <input type="hidden" name="intent" value="beoordelen" />
              <fieldset
                className="space-y-2"
                aria-describedby={ratingErrors.score ? "score-fout" : undefined}
                aria-invalid={ratingErrors.score ? true : undefined}
              >
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
                {ratingErrors.score ? (
                  <p id="score-fout" className="text-sm font-medium text-accent">
                    {ratingErrors.score}
                  </p>
                ) : null}
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
                  aria-invalid={ratingErrors.comment ? true : undefined}
                  aria-describedby={ratingErrors.comment ? "comment-fout" : undefined}
                  className="block w-full max-w-xl rounded border border-muted px-3 py-2"
                />
                {ratingErrors.comment ? (
                  <p id="comment-fout" className="text-sm font-medium text-accent">
                    {ratingErrors.comment}
                  </p>
                ) : null}
              </div>
              <SubmitButton>{me.rating ? t("sessie.rating.update") : t("sessie.rating.submit")}</SubmitButton>
            </Form>
          ) : (
            <p className="text-muted">{t("sessie.rating.onlyGoing")}</p>
          )}
        </Section>
      ) : null}
    </div>
  );
}
