import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DangerButton, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translate, useLocale, useT } from "#app/i18n/index.ts";
import { errorResponse, errorText, pageResponse } from "#app/lib/errors.ts";
import { formIntent, parseForm } from "#app/lib/forms.ts";
import { idParam } from "#app/lib/params.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import {
  type BandSpread,
  confirmProposal,
  discardProposal,
  getProposal,
  moveMember,
} from "#app/modules/intervisie/matching.server.ts";
import { reasonText } from "#app/modules/intervisie/reasons.ts";
import { topics } from "#app/modules/taxonomy.ts";

const incomplete = "form.proposal.incomplete";
/** The version of the proposal the page showed; a change to a newer one is refused. */
const versionSchema = z.object({
  versie: z.string().default("").transform(Number).refine(Number.isInteger, incomplete),
});
const moveSchema = z.object({
  deelnemer: z.string().default(""),
  // A group of the proposal, or "nieuw" for a new one.
  naar: z
    .string()
    .default("")
    .transform((v) => (v === "nieuw" ? ("nieuw" as const) : Number(v)))
    .refine((v) => v === "nieuw" || Number.isInteger(v), "form.proposal.group"),
});

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.proposal", "intervisie.title", "beheer.title") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "run:matching");
  const proposal = await getProposal(context.db, idParam(request, params, "id"));
  if (!proposal) throw pageResponse(404, localeFromRequest(request));
  // The rules it breaks, said in the page's language (the reasons are said in the page).
  const locale = localeFromRequest(request);
  return { proposal: { ...proposal, problems: proposal.problems.map((p) => errorText(locale, p)) } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "run:matching");
  const runId = idParam(request, params, "id");
  const form = await request.formData();
  const intent = formIntent(form);
  const locale = localeFromRequest(request);
  const parsed = parseForm(versionSchema, form, { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ error: parsed.message }, { status: 400 });
  const version = parsed.value.versie;
  try {
    if (intent === "verplaatsen") {
      const move = parseForm(moveSchema, form, { locale: localeFromRequest(request) });
      if (!move.ok) return data({ error: move.message }, { status: 400 });
      await moveMember(context.db, moderator.id, runId, version, move.value.deelnemer, move.value.naar);
      return localRedirect(request, `/beheer/intervisie/voorstel/${runId}`);
    }
    if (intent === "bevestigen") {
      await confirmProposal(context.db, moderator.id, runId, version, context.env);
      return localRedirect(request, `/beheer/intervisie/voorstel/${runId}`);
    }
    if (intent === "verwerpen") {
      await discardProposal(context.db, moderator.id, runId, version);
      return localRedirect(request, `/beheer/intervisie/voorstel/${runId}`);
    }
    return data({ error: translate(locale, "error.form.unknownIntent") }, { status: 400 });
  } catch (error) {
    return errorResponse(error, locale, (message) => ({ error: message }));
  }
}

export default function ProposalPage() {
  const { proposal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const topicLabel = (key: string) => topics.find((x) => x.key === key)?.[locale] ?? key;
  const draft = proposal.status === "draft";
  return (
    <div className="space-y-8">
      <PageHeader title={t("intervisie.proposal.title", { id: proposal.id })}>
        <p className="text-lg font-medium">
          {t("intervisie.proposal.score", { score: proposal.score.toFixed(3) })}
        </p>
        <p className="text-sm text-muted">
          {t("intervisie.proposal.scoreHint")} · {proposal.pool} · min {proposal.options.min}, max{" "}
          {proposal.options.max}, seed {proposal.options.seed}
        </p>
        <p>
          <Link to="/beheer/intervisie">{t("intervisie.proposal.back")}</Link>
        </p>
      </PageHeader>
      {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
      {proposal.status === "confirmed" ? (
        <FormMessage tone="ok">{t("intervisie.proposal.confirmed")}</FormMessage>
      ) : null}
      {proposal.status === "discarded" ? (
        <FormMessage tone="ok">{t("intervisie.proposal.discarded")}</FormMessage>
      ) : null}
      {draft && proposal.problems.length > 0 ? (
        <div role="alert" className="rounded border border-accent p-4">
          <h2 className="text-lg">{t("intervisie.proposal.problems")}</h2>
          <ul className="list-disc pl-5">
            {proposal.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ol className="grid gap-6 lg:grid-cols-2">
        {proposal.groups.map((group, index) => {
          const n = index + 1;
          return (
            <li
              key={group.members.map((m) => m.id).join(",")}
              className="space-y-3 rounded border border-line p-4"
            >
              <h2 className="text-lg">
                {t("intervisie.proposal.group", { n })}{" "}
                <span className="text-base font-normal text-muted">
                  ({t("intervisie.proposal.groupScore", { score: group.score.toFixed(3) })})
                </span>
              </h2>
              <Spread label={t("intervisie.proposal.size")} spread={group.size} />
              <Spread label={t("intervisie.proposal.maturity")} spread={group.maturity} />
              {group.sharedNeeds.length > 0 ? (
                <p className="text-sm">
                  {t("intervisie.proposal.sharedNeeds", {
                    topics: group.sharedNeeds.map(topicLabel).join(", "),
                  })}
                </p>
              ) : null}
              <ul className="space-y-3">
                {group.members.map((m) => (
                  <li key={m.id} className="border-t border-line pt-2">
                    <p className="font-medium">
                      {m.name}{" "}
                      <span className="font-normal text-muted">
                        ({m.institutionName}, {m.type})
                      </span>
                    </p>
                    <ul className="list-disc pl-5 text-sm">
                      {m.reasons.map((r) => {
                        const text = reasonText(r, locale);
                        return <li key={text}>{text}</li>;
                      })}
                    </ul>
                    {draft ? (
                      <Form method="post" className="mt-1 flex flex-wrap items-end gap-2">
                        <input type="hidden" name="versie" value={proposal.version} />
                        <input type="hidden" name="deelnemer" value={m.id} />
                        <label htmlFor={`naar-${m.id}`} className="text-sm">
                          {t("intervisie.proposal.move")}
                        </label>
                        <select
                          id={`naar-${m.id}`}
                          name="naar"
                          defaultValue={String(index)}
                          className="rounded border border-line px-2 py-1 text-sm"
                        >
                          {proposal.groups.map((_, other) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: groups are numbered by position
                            <option key={other} value={String(other)}>
                              {t("intervisie.proposal.group", { n: other + 1 })}
                            </option>
                          ))}
                          <option value="nieuw">{t("intervisie.proposal.newGroup")}</option>
                        </select>
                        <SubmitButton name="intent" value="verplaatsen">
                          {t("intervisie.proposal.moveButton")}
                        </SubmitButton>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      {draft ? (
        <div className="flex flex-wrap gap-3 border-t border-line pt-6">
          <Form method="post">
            <input type="hidden" name="versie" value={proposal.version} />
            <SubmitButton name="intent" value="bevestigen">
              {t("intervisie.proposal.confirm")}
            </SubmitButton>
          </Form>
          <Form method="post">
            <input type="hidden" name="versie" value={proposal.version} />
            <DangerButton name="intent" value="verwerpen">
              {t("intervisie.proposal.discard")}
            </DangerButton>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

/** "Omvang: 1 fte – 5–10 fte (2 van 5 stappen) · 1 onbekend"; a wide spread is marked. */
function Spread({ label, spread }: { label: string; spread: BandSpread }) {
  const t = useT();
  const wide = spread.steps * 2 > spread.scale;
  const range =
    spread.from === null
      ? t("intervisie.proposal.spreadNone")
      : spread.from === spread.to
        ? t("intervisie.proposal.spreadSame", { band: spread.from })
        : t("intervisie.proposal.spreadRange", {
            from: spread.from,
            to: spread.to ?? "",
            steps: spread.steps,
            scale: spread.scale,
          });
  return (
    <p className="text-sm">
      <span className="font-medium">{label}:</span> {range}
      {spread.unknown > 0 && spread.from !== null
        ? ` · ${t("intervisie.proposal.spreadUnknown", { n: spread.unknown })}`
        : null}
      {wide ? <strong className="ml-1 text-accent">{t("intervisie.proposal.spreadWide")}</strong> : null}
    </p>
  );
}
