import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CarrierDrawing, ComparisonDrawing } from "#app/components/carrier-drawing.tsx";
import { FormMessage } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translate, useLocale, useT } from "#app/i18n/index.ts";
import { wizardCarriers } from "#app/modules/dragers/dragers.server.ts";
import { BANK_CARD, carrierDimensions, comparisonGroups, extraNames } from "#app/modules/dragers/drawings.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "drawing.compare.title", "dragers.title") },
];

const MAX = 6;

/** GET /dragers/vergelijk?d=betamax&d=betacam-sp: public, a plain GET form, no JavaScript needed. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request);
  const guides = await wizardCarriers(context.db, locale);
  const names: Record<string, string> = {};
  for (const g of guides) if (carrierDimensions[g.slug]) names[g.slug] = g.title;
  for (const [key, name] of Object.entries(extraNames)) names[key] = name[locale];
  const options = [
    ...guides.filter((g) => carrierDimensions[g.slug]).map((g) => g.slug),
    "u-matic-s",
    "betacam-l",
  ].sort((a, b) => (names[a] ?? a).localeCompare(names[b] ?? b, locale));
  const url = new URL(request.url);
  const asked = url.searchParams
    .getAll("d")
    .map((d) => d.trim())
    .filter(Boolean);
  const chosen = [...new Set(asked.filter((d) => d !== BANK_CARD && names[d]))].slice(0, MAX);
  const unknown = asked.filter((d) => d !== BANK_CARD && !names[d]).map((d) => d.slice(0, 60));
  const submitted = url.searchParams.has("d") || url.searchParams.has("verzonden");
  const errors: string[] = [];
  if (unknown.length) errors.push(translate(locale, "drawing.compare.unknown", { list: unknown.join(", ") }));
  if (submitted && chosen.length < 2) errors.push(translate(locale, "drawing.compare.tooFew"));
  if (new Set(asked).size > MAX) errors.push(translate(locale, "drawing.compare.tooMany", { n: MAX }));
  const groups = comparisonGroups.filter((g) => g.every((k) => names[k]));
  return { names, options, chosen, errors, groups };
}

export const compareHref = (keys: string[]) =>
  `/dragers/vergelijk?${keys.map((k) => `d=${encodeURIComponent(k)}`).join("&")}`;

export default function CompareCarriers() {
  const { names, options, chosen, errors, groups } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const errorId = "vergelijk-fout";
  return (
    <div className="space-y-8">
      <PageHeader title={t("drawing.compare.title")} intro={t("drawing.compare.intro")}>
        <p>
          <Link to="/dragers">{t("dragers.tools.back")}</Link>
        </p>
      </PageHeader>

      {errors.length ? (
        <div id={errorId}>
          <FormMessage>
            {errors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </FormMessage>
        </div>
      ) : null}

      {chosen.length >= 2 ? (
        <section aria-labelledby="vergelijking" className="space-y-3">
          <h2 id="vergelijking">{t("drawing.compare.result")}</h2>
          <ComparisonDrawing keys={chosen} names={names} />
          <p className="text-sm">{t("drawing.compare.scaleNote")}</p>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {[...chosen, BANK_CARD].map((k) => (
              <div key={k}>
                <h3 className="text-base">{names[k]}</h3>
                <CarrierDrawing slug={k} name={names[k] ?? k} />
              </div>
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="lookalikes" className="max-w-3xl">
        <h2 id="lookalikes" className="text-lg">
          {t("drawing.compare.groups")}
        </h2>
        <ul className="mt-2 list-disc pl-5">
          {groups.map((g) => (
            <li key={g.join("+")}>
              <Link to={compareHref(g)}>
                {g.map((k) => names[k]).join(locale === "nl" ? " en " : " and ")}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <Form method="get" className="max-w-3xl space-y-4">
        <input type="hidden" name="verzonden" value="1" />
        <fieldset
          aria-describedby={errors.length ? errorId : undefined}
          aria-invalid={errors.length ? true : undefined}
        >
          <legend className="font-semibold">{t("drawing.compare.choose", { n: MAX })}</legend>
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {options.map((k) => (
              <label key={k} className="flex items-center gap-2">
                <input type="checkbox" name="d" value={k} defaultChecked={chosen.includes(k)} />
                {names[k]}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-paper">
          {t("drawing.compare.submit")}
        </button>
      </Form>
    </div>
  );
}
