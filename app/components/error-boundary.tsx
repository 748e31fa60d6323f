import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Link } from "#app/components/link.tsx";
import { type MessageKey, useT } from "#app/i18n/index.ts";

const known = [400, 403, 404] as const;

/**
 * The one error boundary: a friendly page per status, in the visitor's language. It never
 * shows a message or stack from the server.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const code = (known as readonly number[]).includes(status) ? (status as (typeof known)[number]) : 500;
  const title = t(`error.${code}.title` as MessageKey);
  const text = t(`error.${code}.text` as MessageKey);
  return (
    <section aria-labelledby="fout-titel" className="max-w-2xl space-y-4">
      <p className="text-sm font-semibold text-accent">{status}</p>
      <h1 id="fout-titel">{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
