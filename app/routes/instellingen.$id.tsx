import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InstitutionProfileView } from "#app/components/institution-profile.tsx";
import { localeFromRequest, pageTitle } from "#app/i18n/index.ts";
import { pageResponse } from "#app/lib/errors.ts";
import { idParam } from "#app/lib/params.ts";
import { forbidden, requireUser } from "#app/modules/auth/auth.server.ts";
import {
  canViewProfile,
  getInstitutionProfile,
  startingArticles,
} from "#app/modules/survey/profile.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "meta.institutionProfile") }];

/** An institution's profile, for its members and for moderators; others get 403. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(request, params, "id");
  if (!canViewProfile(user, id)) forbidden(request);
  const profile = await getInstitutionProfile(context.db, id);
  if (!profile) throw pageResponse(404, localeFromRequest(request));
  const articles = await startingArticles(context.db, localeFromRequest(request), profile.needs);
  return { profile, articles, canAssess: user.institutionId === id };
}

export default function InstitutionProfilePage() {
  const { profile, articles, canAssess } = useLoaderData<typeof loader>();
  return <InstitutionProfileView profile={profile} articles={articles} canAssess={canAssess} />;
}
