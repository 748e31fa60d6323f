import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { GeneralErrorBoundary } from "./components/error-boundary.tsx";
import { Layout as PageLayout } from "./components/layout.tsx";
import { useNonce } from "./components/nonce.tsx";
import {
  defaultLocale,
  type Locale,
  localeFromPath,
  localeFromRequest,
  locales,
  pathInLocale,
  translate,
  useLocale,
} from "./i18n/index.ts";
import { appOrigin } from "./lib/origin.ts";
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
    // For the `hreflang` alternates, which must be full URLs.
    origin: appOrigin(request, context.env.APP_ORIGIN),
    user: user ? { name: user.name, role: user.role } : null,
    unread,
    canModerate: can(user?.role, "view:beheer"),
  };
  // A renewed session (or a dead one to clear) needs its cookie set again.
  return setCookie ? data(body, { headers: { "Set-Cookie": setCookie } }) : body;
}

export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  const locale = data?.locale ?? localeFromPath(location.pathname);
  return [
    { title: translate(locale, "site.name") },
    { name: "description", content: translate(locale, "site.tagline") },
  ];
};

export function Layout({ children }: { children: ReactNode }) {
  const loaderData = useRouteLoaderData<typeof loader>("root");
  // Without the root loader's data (it failed: an error page) the URL still names the language.
  const locale: Locale = useLocale();
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <LanguageAlternates origin={loaderData?.origin} />
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

/**
 * The page in each language for search engines and assistive tools: Dutch at `/…` (also the
 * default), English at `/en/…` (decision 020).
 */
function LanguageAlternates({ origin }: { origin: string | undefined }) {
  const { pathname, search } = useLocation();
  if (!origin) return null;
  const href = (locale: Locale) => origin + pathInLocale(locale, pathname) + search;
  return (
    <>
      {locales.map((locale) => (
        <link key={locale} rel="alternate" hrefLang={locale} href={href(locale)} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={href(defaultLocale)} />
    </>
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
