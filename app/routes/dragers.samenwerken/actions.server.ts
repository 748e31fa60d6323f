// The intents of the pooling page's action, one small handler each: post demand, save the
// institution's line offer, withdraw it. The route's action checks the user and institution
// once and dispatches here by the form's `intent`.

import { data } from "@remix-run/node";
import { type Locale, localeFromRequest, translate } from "#app/i18n/index.ts";
import { parseForm } from "#app/lib/forms.ts";
import { type Actor, deleteOffer, saveDemand, saveOffer } from "#app/modules/dragers/dragers.server.ts";
import { demandSchema, offerSchema } from "#app/modules/dragers/pooling-form.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import type { DB } from "#db/client.server.ts";
import type { PoolActionResult } from "./shared.ts";

export interface IntentArgs {
  db: DB;
  /** The request, for redirects in the page's language. */
  request: Request;
  actor: Actor;
  institutionId: number;
  form: FormData;
  intent: string;
  /** Slugs of the carrier guides, the only carriers a form may name. */
  known: ReadonlySet<string>;
  /** The page's language, for the answers the handlers give. */
  locale: Locale;
}

type Handler = (args: IntentArgs) => Promise<Response | ReturnType<typeof data<PoolActionResult>>>;

/** Demand for one carrier: how many items the institution wants digitised. */
const postDemand: Handler = async ({ request, db, actor, institutionId, form, intent, known }) => {
  const parsed = parseForm(demandSchema(known), form, { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
  await saveDemand(db, actor, institutionId, parsed.value);
  return localRedirect(request, "/dragers/samenwerken?opgeslagen=vraag");
};

/** The institution's digitisation line: carriers, availability, suitability and terms. */
const saveLine: Handler = async ({ request, db, actor, institutionId, form, intent, known }) => {
  const parsed = parseForm(offerSchema(known), form, {
    arrays: ["dragers"],
    locale: localeFromRequest(request),
  });
  if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
  await saveOffer(db, actor, institutionId, parsed.value);
  return localRedirect(request, "/dragers/samenwerken?opgeslagen=aanbod");
};

/** Withdraw the institution's line offer. */
const deleteLine: Handler = async ({ request, db, actor, institutionId }) => {
  await deleteOffer(db, actor, institutionId);
  return localRedirect(request, "/dragers/samenwerken?opgeslagen=verwijderd");
};

const handlers: Record<string, Handler> = {
  vraag: postDemand,
  aanbod: saveLine,
  "aanbod-verwijderen": deleteLine,
};

/** The handler for a form's intent; an unknown intent gets an error in the page's language. */
export function handleIntent(args: IntentArgs) {
  const handler = Object.hasOwn(handlers, args.intent) ? handlers[args.intent]! : null;
  if (handler) return handler(args);
  return Promise.resolve(
    data(
      { intent: args.intent, errors: { form: translate(args.locale, "error.pooling.unknownIntent") } },
      { status: 400 },
    ),
  );
}
