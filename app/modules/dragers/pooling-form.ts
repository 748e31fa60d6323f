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

/** A line offer: the carriers it can handle, on what terms; the form's field names stay Dutch. */
export function offerSchema(known: ReadonlySet<string>) {
  return z
    .object({
      dragers: z
        .array(z.string())
        .transform((chosen) => [...new Set(chosen)])
        .superRefine((carriers, ctx) => {
          const problem = !carriers.length
            ? "Kies minstens één drager die jullie lijn kan verwerken."
            : carriers.some((c) => !known.has(c))
              ? "Kies dragers uit de lijst."
              : null;
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
      beschikbaar: z
        .string()
        .default("")
        .refine(
          (v) => (sharedLabels as readonly string[]).includes(v),
          "Kies of de lijn kosteloos of tegen betaling beschikbaar is.",
        ),
      geschiktheid: z
        .string()
        .default("")
        .refine(
          (v) => !v || (suitabilityLabels as readonly string[]).includes(v),
          "Kies een antwoord uit de lijst.",
        ),
      voorwaarden: z.string().trim().max(1000, "Hoogstens 1000 tekens.").default(""),
    })
    .transform((v) => ({
      carriers: v.dragers,
      shared: v.beschikbaar,
      suitability: v.geschiktheid || null,
      terms: v.voorwaarden,
    }));
}
