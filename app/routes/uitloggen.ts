import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getAuth, isSecureRequest } from "#app/modules/auth/auth.server.ts";
import { blankSessionCookie, invalidateSession } from "#app/modules/auth/session.server.ts";

/** POST only: ends this session. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { session } = await getAuth(request, context);
  if (session) await invalidateSession(context.db, session.id);
  return redirect("/", { headers: { "Set-Cookie": blankSessionCookie(isSecureRequest(request, context)) } });
}

export async function loader() {
  return redirect("/");
}
