import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { isLocale, pathInLocale } from "#app/i18n/index.ts";
import { formValues } from "#app/lib/forms.ts";
import { safeRedirect } from "#app/modules/http.server.ts";

// The language switch is a link to the same page in the other language (`/…` ↔ `/en/…`,
// decision 020). This form target stays for pages still open from before, which posted the
// language here: it sends them to their page in that language. No cookie is set: the URL decides.
export async function action({ request }: ActionFunctionArgs) {
  const form = formValues(await request.formData());
  const locale = form.taal;
  if (!isLocale(locale)) {
    throw new Response("Onbekende taal", { status: 400 });
  }
  return redirect(pathInLocale(locale, safeRedirect(form.redirectTo)));
}

export async function loader() {
  return redirect("/");
}
