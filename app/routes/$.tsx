import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

// Any URL that no other route takes: a 404 inside the site's layout.
export async function loader() {
  throw new Response("Niet gevonden", { status: 404 });
}

export async function action() {
  throw new Response("Niet gevonden", { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
