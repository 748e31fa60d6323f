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
      .string({ message: "form.pooling.carrier" })
      .min(1, "form.pooling.carrier")
      .refine((v) => known.has(v), "form.pooling.carrierList"),
    count: z
      .string({ message: "form.pooling.count" })
      .trim()
      .min(1, "form.pooling.count")
      .regex(/^\d+$/, "form.pooling.countWhole")
      .transform(Number)
      .refine((n) => n <= MAX_DEMAND, "form.pooling.countHigh"),
    note: z.string().trim().max(500, "form.pooling.noteLong").default(""),
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
            ? "form.pooling.offerCarriers"
            : carriers.some((c) => !known.has(c))
              ? "form.pooling.offerCarrierList"
              : null;
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
      beschikbaar: z
        .string()
        .default("")
        .refine((v) => (sharedLabels as readonly string[]).includes(v), "form.pooling.shared"),
      geschiktheid: z
        .string()
        .default("")
        .refine(
          (v) => !v || (suitabilityLabels as readonly string[]).includes(v),
          "form.pooling.suitability",
        ),
      voorwaarden: z.string().trim().max(1000, "form.pooling.termsLong").default(""),
    })
    .transform((v) => ({
      carriers: v.dragers,
      shared: v.beschikbaar,
      suitability: v.geschiktheid || null,
      terms: v.voorwaarden,
    }));
}
