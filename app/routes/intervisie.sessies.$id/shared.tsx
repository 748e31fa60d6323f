// Pieces the sections of the session page share: the loader's data, the action's answer, and
// the section frame with its result message.

import type { useLoaderData } from "@remix-run/react";
import { FormMessage } from "#app/components/forms.tsx";
import { useLocale } from "#app/i18n/index.ts";
import { sessionRoles } from "#app/modules/intervisie/methods.ts";
import type { loader } from "./route.tsx";

export type SessionData = ReturnType<typeof useLoaderData<typeof loader>>;

export type ActionResult = {
  intent: string;
  ok?: string;
  errors?: Record<string, string>;
  /** What the case owner sent, back in the form after an error. */
  values?: Record<string, string | string[]>;
  conflict?: { theirs: string; theirsVersion: number; mine: string };
};

export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function Result({ result, intent }: { result: ActionResult | undefined; intent: string }) {
  if (!result || result.intent !== intent) return null;
  if (result.ok) return <FormMessage tone="ok">{result.ok}</FormMessage>;
  if (result.errors?.form) return <FormMessage>{result.errors.form}</FormMessage>;
  return null;
}

export const radio = "size-4 accent-brand focus-visible:outline-2 focus-visible:outline-offset-2";

/** A role's name in the current language, or its key when the role is unknown. */
export function useRoleName() {
  const locale = useLocale();
  return (key: string) => {
    const role = sessionRoles.find((r) => r.key === key);
    return role ? (locale === "en" ? role.en : role.nl) : key;
  };
}
