// The session page of an intervision group: the route reads and dispatches; each section of the
// page is a component next to this file, and each intent of the action a handler in
// actions.server.ts.

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PracticeCaseSection } from "#app/components/practice-case.tsx";
import { localeFromRequest, pageTitle } from "#app/i18n/index.ts";
import { errorResponse, throwAsResponse } from "#app/lib/errors.ts";
import { formIntent } from "#app/lib/forms.ts";
import { idParam } from "#app/lib/params.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { findMethod } from "#app/modules/intervisie/methods.ts";
import { caseForSession } from "#app/modules/intervisie/sessions/cases.server.ts";
import { requireSessionAccess } from "#app/modules/intervisie/sessions/core.server.ts";
import { myRating, ratingRefusal } from "#app/modules/intervisie/sessions/ratings.server.ts";
import { groupMembers } from "#app/modules/intervisie/sessions/roles.server.ts";
import { listAttendance, rsvpStatusIn } from "#app/modules/intervisie/sessions/rsvp.server.ts";
import { listPublishedArticles } from "#app/modules/kennisbank/articles.server.ts";
import { handleIntent } from "./actions.server.ts";
import { AttendanceSection } from "./attendance-section.tsx";
import { NotesSection } from "./notes-section.tsx";
import { RatingSection } from "./rating-section.tsx";
import { RolesSection } from "./roles-section.tsx";
import { RsvpSection } from "./rsvp-section.tsx";
import { SessionHeader } from "./session-header.tsx";
import type { ActionResult } from "./shared.tsx";
import { StepsSection } from "./steps-section.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(matches, data ? { text: data.session.title } : "meta.session", "intervisie.title"),
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(request, params, "id");
  const {
    session,
    access,
    groupName: name,
  } = await requireSessionAccess(context.db, id, user).catch((error) =>
    throwAsResponse(error, localeFromRequest(request)),
  );
  const now = new Date();
  const [attendance, members, rating, practice] = await Promise.all([
    listAttendance(context.db, id),
    groupMembers(context.db, session.groupId),
    myRating(context.db, id, user.id),
    caseForSession(context.db, user, { session, access }, now),
  ]);
  // The viewer's own answer is in the attendance list already.
  const myStatus = rsvpStatusIn(attendance, user.id);
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(request, params, "id");
  await requireSessionAccess(context.db, id, user).catch((error) =>
    throwAsResponse(error, localeFromRequest(request)),
  );
  const form = await request.formData();
  const intent = formIntent(form);
  const locale = localeFromRequest(request);
  try {
    return await handleIntent({ context, user, id, form, intent, locale });
  } catch (error) {
    return errorResponse(
      error,
      locale,
      (message) => ({ intent, errors: { form: message } }) satisfies ActionResult,
      {
        asErrorPage: [404],
      },
    );
  }
}

export default function SessionPage() {
  const { session, method, roleHolders, members, attendance, practice, carrierOptions, me } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;

  return (
    <div className="max-w-4xl space-y-10">
      <SessionHeader session={session} method={method} attendance={attendance} me={me} />

      {me.isMember && !session.cancelled && !session.started ? (
        <RsvpSection attendance={attendance} me={me} result={result} />
      ) : null}

      <AttendanceSection session={session} attendance={attendance} />

      {method ? <StepsSection method={method} roleHolders={roleHolders} /> : null}

      <RolesSection
        session={session}
        method={method}
        roleHolders={roleHolders}
        members={members}
        me={me}
        result={result}
      />

      <NotesSection session={session} result={result} />

      {practice && (practice.case || practice.canDraft) ? (
        <PracticeCaseSection
          practice={practice}
          me={me.id}
          carrierOptions={carrierOptions}
          result={result?.intent === "casus" || result?.intent === "casus-toestemming" ? result : undefined}
        />
      ) : null}

      {session.started && me.isMember && !session.cancelled ? (
        <RatingSection me={me} result={result} />
      ) : null}
    </div>
  );
}
