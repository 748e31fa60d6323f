import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { isLocale, LOCALE_COOKIE } from "#app/i18n/index.ts";
import { formValues } from "#app/lib/forms.ts";
import { safeRedirect } from "#app/modules/http.server.ts";

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Switches the interface language (a form in the header; works without JavaScript). */
export async function action({ request }: ActionFunctionArgs) {
  const form = formValues(await request.formData());
  const locale = form.taal;
  if (!isLocale(locale)) {
    throw new Response("Onbekende taal", { status: 400 });
  }
  return redirect(safeRedirect(form.redirectTo), {
    headers: {
      "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`,
    },
  });
}

export async function loader() {
  return redirect("/");
}
