import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { GeneralErrorBoundary } from "./components/error-boundary.tsx";
import { Layout as PageLayout } from "./components/layout.tsx";
import { useNonce } from "./components/nonce.tsx";
import { defaultLocale, type Locale, localeFromRequest, translate } from "./i18n/index.ts";
import { getAuth } from "./modules/auth/auth.server.ts";
import { can } from "./modules/auth/permissions.ts";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request);
  // The unread count comes with the session lookup: one statement for both.
  const { user, setCookie, unread } = await getAuth(request, context);
  const body = {
    locale,
    user: user ? { name: user.name, role: user.role } : null,
    unread,
    canModerate: can(user?.role, "view:beheer"),
  };
  // A renewed session (or a dead one to clear) needs its cookie set again.
  return setCookie ? data(body, { headers: { "Set-Cookie": setCookie } }) : body;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? defaultLocale;
  return [
    { title: translate(locale, "site.name") },
    { name: "description", content: translate(locale, "site.tagline") },
  ];
};

export function Layout({ children }: { children: ReactNode }) {
  const loaderData = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = loaderData?.locale ?? defaultLocale;
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="font-sans antialiased">
        <PageLayout
          locale={locale}
          canModerate={loaderData?.canModerate ?? false}
          userName={loaderData?.user?.name ?? null}
          unread={loaderData?.unread ?? 0}
        >
          {children}
        </PageLayout>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Marks the page as interactive once React has hydrated it (browser tests wait for this before
  // typing, as input during hydration can make React 18 abandon the render).
  useEffect(() => {
    document.documentElement.dataset.js = "klaar";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
