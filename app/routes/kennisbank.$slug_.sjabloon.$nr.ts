// A template of a published article as a file (app/modules/kennisbank/templates.ts): the
// handover file or the AV policy, to fill in in any text editor.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFromRequest, translate } from "#app/i18n/index.ts";
import { getPublishedArticle } from "#app/modules/kennisbank/articles.server.ts";
import { articleTemplates } from "#app/modules/kennisbank/templates.ts";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request);
  const found = await getPublishedArticle(context.db, params.slug ?? "", locale);
  const nr = Number(params.nr);
  const template =
    found && !found.archived && Number.isInteger(nr) && nr >= 1
      ? articleTemplates(found.body)[nr - 1]
      : undefined;
  if (!template) throw new Response(translate(locale, "error.template.notFound"), { status: 404 });
  return new Response(template.text, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${template.fileName}"`,
    },
  });
}
