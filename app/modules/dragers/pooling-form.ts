// The forms of /dragers/samenwerken: a demand post and a line offer (zod, Dutch messages).
import { z } from "zod";

export const sharedLabels = ["Ja, kosteloos", "Ja, tegen betaling"] as const;
export const suitabilityLabels = [
  "Geheel geschikt",
  "Grotendeels geschikt",
  "Deels geschikt",
  "Niet geschikt",
] as const;

export const MAX_DEMAND = 1_000_000;

export function demandSchema(known: ReadonlySet<string>) {
  return z.object({
    carrier: z
      .string({ message: "Kies een drager." })
      .min(1, "Kies een drager.")
      .refine((v) => known.has(v), "Kies een drager uit de lijst."),
    count: z
      .string({ message: "Vul het aantal items in." })
      .trim()
      .min(1, "Vul het aantal items in.")
      .regex(/^\d+$/, "Vul een heel getal in, zoals 25 (0 haalt je vraag weg).")
      .transform(Number)
      .refine((n) => n <= MAX_DEMAND, `Vul hoogstens ${MAX_DEMAND.toLocaleString("nl-NL")} in.`),
    note: z.string().trim().max(500, "Hoogstens 500 tekens.").default(""),
  });
}

export function readOffer(
  form: FormData,
  known: ReadonlySet<string>,
):
  | { ok: true; value: { carriers: string[]; shared: string; suitability: string | null; terms: string } }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const carriers = [...new Set(form.getAll("dragers").map(String))];
  if (!carriers.length) errors.dragers = "Kies minstens één drager die jullie lijn kan verwerken.";
  else if (carriers.some((c) => !known.has(c))) errors.dragers = "Kies dragers uit de lijst.";
  const shared = String(form.get("beschikbaar") ?? "");
  if (!(sharedLabels as readonly string[]).includes(shared)) {
    errors.beschikbaar = "Kies of de lijn kosteloos of tegen betaling beschikbaar is.";
  }
  const suitabilityRaw = String(form.get("geschiktheid") ?? "");
  if (suitabilityRaw && !(suitabilityLabels as readonly string[]).includes(suitabilityRaw)) {
    errors.geschiktheid = "Kies een antwoord uit de lijst.";
  }
  const terms = String(form.get("voorwaarden") ?? "").trim();
  if (terms.length > 1000) errors.voorwaarden = "Hoogstens 1000 tekens.";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { carriers, shared, suitability: suitabilityRaw || null, terms } };
}
