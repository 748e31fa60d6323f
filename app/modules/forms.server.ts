import { data } from "@remix-run/node";
import type { z } from "zod";

/** Parses a submitted form with a zod schema; on failure, the first message per field. */
export function parseForm<T extends z.ZodTypeAny>(
  schema: T,
  form: FormData,
): { ok: true; value: z.infer<T> } | { ok: false; errors: Record<string, string> } {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") raw[key] = value;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A 400 answer that the form shows next to its fields. */
export function invalid(errors: Record<string, string>, extra: Record<string, unknown> = {}) {
  return data({ errors, ...extra }, { status: 400 });
}
