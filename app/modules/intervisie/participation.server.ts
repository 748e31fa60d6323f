// Taking part in intervision: a member opts in with explicit consent to share their
// institution's profile with their group, and confirms or adjusts the topics they want to
// discuss (pre-filled from the institution's needs), what they can help with, whether they can
// meet in person and their province, and the institution's size (AV staff band) and digital
// maturity (share digitised) for comparable groups (docs/domain.md §7). Opting out removes them from every matching pool.

import { eq } from "drizzle-orm";
import { z } from "zod";
import { defaultLocale, type Locale, translate } from "#app/i18n/index.ts";
import { AppError } from "#app/lib/errors.ts";
import { formFields, parseForm } from "#app/lib/forms.ts";
import type { DB } from "#db/client.server.ts";
import { institution } from "#db/schema/auth.ts";
import { intervisionParticipant } from "#db/schema/intervisie.ts";
import { audit } from "../audit.server.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { getInstitutionProfile } from "../survey/profile.server.ts";
import { fteAvLabels, provinces } from "../survey/questionnaire.ts";
import { type TopicKey, topics } from "../taxonomy.ts";
import { digitisationBands } from "./matching.ts";

export interface Participation {
  optedIn: boolean;
  consentAt: Date | null;
  needs: TopicKey[];
  offers: TopicKey[];
  inPerson: boolean;
  province: string | null;
  /** AV staff band (an `fte_av` label) or null when unknown. */
  fte: string | null;
  /** Share digitised (a `digitisation_degree` label) or null when unknown. */
  digitisationDegree: string | null;
  /** Where the defaults came from, for the form's explanation. */
  prefilledFromProfile: boolean;
  institution: { id: number; name: string; type: string } | null;
}

const topicKeys = topics.map((t) => t.key) as [TopicKey, ...TopicKey[]];

/** The member's participation, or defaults from their institution's profile when not opted in. */
export async function getParticipation(db: DB, user: SessionUser): Promise<Participation> {
  const [row] = await db
    .select()
    .from(intervisionParticipant)
    .where(eq(intervisionParticipant.userId, user.id));
  const [inst] = user.institutionId
    ? await db
        .select({ id: institution.id, name: institution.name, type: institution.type })
        .from(institution)
        .where(eq(institution.id, user.institutionId))
    : [];
  if (row) {
    return {
      optedIn: true,
      consentAt: row.consentAt,
      needs: row.needs.filter(isTopic),
      offers: row.offers.filter(isTopic),
      inPerson: row.inPerson,
      province: row.province,
      fte: row.fte,
      digitisationDegree: row.digitisationDegree,
      prefilledFromProfile: false,
      institution: inst ?? null,
    };
  }
  const profile = user.institutionId ? await getInstitutionProfile(db, user.institutionId) : null;
  return {
    optedIn: false,
    consentAt: null,
    needs: profile?.needs ?? [],
    offers: profile?.offers ?? [],
    inPerson: false,
    province: profile?.latest?.province ?? null,
    fte: knownBand(profile?.latest?.answers.fte_av, fteAvLabels),
    digitisationDegree: knownBand(profile?.latest?.answers.digitisation_degree, digitisationBands),
    prefilledFromProfile: Boolean(profile?.latest),
    institution: inst ?? null,
  };
}

/** A survey answer that is one of the bands, else null ("Weet ik niet", blank, or a label we do not rank). */
function knownBand(answer: unknown, bands: readonly string[]): string | null {
  return typeof answer === "string" && bands.includes(answer) ? answer : null;
}

function isTopic(key: string): key is TopicKey {
  return (topicKeys as readonly string[]).includes(key);
}

export const participationSchema = z
  .object({
    consent: z.literal("ja", {
      errorMap: () => ({
        message: "form.participation.consent",
      }),
    }),
    needs: z
      .array(z.enum(topicKeys, { errorMap: () => ({ message: "form.participation.topics" }) }))
      .min(1, "form.participation.needs"),
    offers: z.array(z.enum(topicKeys, { errorMap: () => ({ message: "form.participation.topics" }) })),
    inPerson: z.enum(["ja", "nee"], { errorMap: () => ({ message: "form.participation.inPerson" }) }),
    province: z
      .string()
      .refine((v) => v === "" || (provinces as readonly string[]).includes(v), "form.participation.province"),
    fte: z
      .string()
      .refine((v) => v === "" || (fteAvLabels as readonly string[]).includes(v), "form.participation.fte"),
    digitisationDegree: z
      .string()
      .refine((v) => v === "" || digitisationBands.includes(v), "form.participation.digitisation"),
  })
  .refine((v) => v.inPerson !== "ja" || v.province !== "", {
    path: ["province"],
    message: "form.participation.provinceNeeded",
  });

/** Reads the form (checkbox lists as repeated fields); messages in `locale`. */
export function readParticipationForm(form: FormData, locale: Locale = defaultLocale) {
  const raw = formFields(
    form,
    ["consent", "inPerson", "province", "fte", "digitisationDegree"],
    ["needs", "offers"],
  );
  const result = parseForm(participationSchema, raw, { locale });
  if (result.ok) return { ok: true as const, value: result.value };
  const errors = { ...result.errors };
  if (raw.inPerson === "ja" && raw.province === "" && !errors.province)
    errors.province = translate(locale, "form.participation.provinceNeeded");
  return { ok: false as const, errors, values: raw };
}

export class ParticipationError extends AppError {}

export async function saveParticipation(
  db: DB,
  user: SessionUser,
  input: z.infer<typeof participationSchema>,
): Promise<void> {
  if (!user.institutionId) throw new ParticipationError("error.participation.noInstitution");
  if (input.inPerson === "ja" && input.province === "")
    throw new ParticipationError("error.participation.provinceMissing");
  const values = {
    needs: [...new Set(input.needs)],
    offers: [...new Set(input.offers)],
    inPerson: input.inPerson === "ja",
    province: input.province === "" ? null : input.province,
    fte: input.fte === "" ? null : input.fte,
    digitisationDegree: input.digitisationDegree === "" ? null : input.digitisationDegree,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: intervisionParticipant.userId })
      .from(intervisionParticipant)
      .where(eq(intervisionParticipant.userId, user.id));
    if (existing) {
      await tx.update(intervisionParticipant).set(values).where(eq(intervisionParticipant.userId, user.id));
    } else {
      await tx.insert(intervisionParticipant).values({ userId: user.id, consentAt: new Date(), ...values });
    }
    await audit(tx, {
      actorId: user.id,
      action: existing ? "intervisie.deelname.gewijzigd" : "intervisie.deelname.aangemeld",
      subject: `user:${user.id}`,
      details: { needs: values.needs, offers: values.offers, inPerson: values.inPerson },
    });
  });
}

/** Opting out: the member leaves every matching pool (their groups are left on the group pages). */
export async function withdrawParticipation(db: DB, user: SessionUser): Promise<boolean> {
  const removed = await db
    .delete(intervisionParticipant)
    .where(eq(intervisionParticipant.userId, user.id))
    .returning({ userId: intervisionParticipant.userId });
  if (removed.length > 0)
    await audit(db, {
      actorId: user.id,
      action: "intervisie.deelname.ingetrokken",
      subject: `user:${user.id}`,
    });
  return removed.length > 0;
}
