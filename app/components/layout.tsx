import { Link as RemixLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Form, NavLink } from "#app/components/link.tsx";
import { type Locale, pathInLocale, useT } from "#app/i18n/index.ts";
import { SiteSearch } from "./site-search.tsx";

const navItems = [
  { to: "/kennisbank", key: "nav.kennisbank" },
  { to: "/dragers", key: "nav.dragers" },
  { to: "/intervisie", key: "nav.intervisie" },
  { to: "/trends", key: "nav.trends" },
] as const;

export function Layout({
  children,
  locale,
  canModerate,
  userName,
  unread = 0,
}: {
  children: ReactNode;
  locale: Locale;
  canModerate: boolean;
  userName: string | null;
  /** Unread notifications of the signed-in member. */
  unread?: number;
}) {
  const t = useT();
  const location = useLocation();
  const other: Locale = locale === "nl" ? "en" : "nl";
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#inhoud"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-paper focus:p-2"
      >
        {t("skip.toContent")}
      </a>
      <header className="border-b border-line bg-wash">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 xl:flex-nowrap">
          <NavLink to="/" className="whitespace-nowrap text-lg font-bold text-ink no-underline">
            {t("site.name")}
          </NavLink>
          <nav aria-label={t("nav.label")} className="flex-1">
            <ul className="flex flex-wrap gap-x-4 gap-y-1 whitespace-nowrap xl:flex-nowrap">
              {navItems.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    className="no-underline aria-[current=page]:font-semibold aria-[current=page]:underline"
                  >
                    {t(item.key)}
                  </NavLink>
                </li>
              ))}
              {canModerate ? (
                <li>
                  <NavLink
                    to="/beheer"
                    className="no-underline aria-[current=page]:font-semibold aria-[current=page]:underline"
                  >
                    {t("nav.beheer")}
                  </NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <SiteSearch />
          <div className="flex items-center gap-3 whitespace-nowrap text-sm">
            {userName ? (
              <>
                <NavLink to="/meldingen" className="no-underline aria-[current=page]:underline">
                  {unread > 0 ? t("meldingen.nav", { n: unread }) : t("meldingen.title")}
                </NavLink>
                <NavLink to="/account" className="no-underline aria-[current=page]:underline">
                  {t("nav.account")}
                  <span className="sr-only">: {userName}</span>
                </NavLink>
                <Form method="post" action="/uitloggen">
                  <button
                    type="submit"
                    className="text-brand underline underline-offset-2 hover:text-brand-dark"
                  >
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <NavLink to="/inloggen" className="no-underline aria-[current=page]:underline">
                {t("nav.login")}
              </NavLink>
            )}
          </div>
          {/* The same page in the other language: a plain link, so it can be shared and needs no script. */}
          <RemixLink
            to={pathInLocale(other, location.pathname) + location.search + location.hash}
            lang={other}
            hrefLang={other}
            aria-label={t("lang.switchLabel")}
            className="rounded border border-brand px-2 py-1 text-sm text-brand no-underline hover:bg-brand hover:text-paper"
          >
            {t("lang.switchTo")}
          </RemixLink>
        </div>
      </header>
      <main
        id="inhoud"
        tabIndex={-1}
        className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none"
      >
        {children}
      </main>
      <footer className="border-t border-line bg-wash">
        <div className="mx-auto max-w-6xl space-y-1 px-4 py-6 text-sm text-muted">
          <p>{t("footer.about")}</p>
          <p>{t("footer.source")}</p>
          <p>
            <NavLink to="/bronnen">{t("nav.bronnen")}</NavLink>
          </p>
        </div>
      </footer>
    </div>
  );
}
