import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { localeFromRequest } from "#app/i18n/index.ts";
import { pageResponse } from "#app/lib/errors.ts";

// Any URL that no other route takes: a 404 inside the site's layout.
export async function loader({ request }: LoaderFunctionArgs) {
  throw pageResponse(404, localeFromRequest(request));
}

export async function action({ request }: ActionFunctionArgs) {
  throw pageResponse(404, localeFromRequest(request));
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
