// Links and forms that stay in the page's language (decision 020): an absolute site path in `to`
// or `action` (`/kennisbank`) becomes `/en/kennisbank` on an English page. Relative paths,
// other sites and paths that already name a language are passed on as they are. Routes and
// components import Link, NavLink and Form from here, not from @remix-run/react (a test checks).
import {
  type FormProps,
  type LinkProps,
  type NavLinkProps,
  Form as RemixForm,
  Link as RemixLink,
  NavLink as RemixNavLink,
} from "@remix-run/react";
import { forwardRef } from "react";
import { ENGLISH_PREFIX, type Locale, localizedPath, useLocale } from "#app/i18n/index.ts";

type To = LinkProps["to"];

function localizedTo(locale: Locale, to: To): To {
  if (typeof to === "string") return localizedPath(locale, to);
  return to.pathname ? { ...to, pathname: localizedPath(locale, to.pathname) } : to;
}

export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link({ to, ...props }, ref) {
  const locale = useLocale();
  return <RemixLink ref={ref} to={localizedTo(locale, to)} {...props} />;
});

export const NavLink = forwardRef<HTMLAnchorElement, NavLinkProps>(function NavLink(
  { to, end, ...props },
  ref,
) {
  const locale = useLocale();
  const target = localizedTo(locale, to);
  // `/` only matches itself; its English twin `/en` must too, or it would mark every English page.
  const home = target === ENGLISH_PREFIX;
  return <RemixNavLink ref={ref} to={target} end={end ?? home} {...props} />;
});

export const Form = forwardRef<HTMLFormElement, FormProps>(function Form({ action, ...props }, ref) {
  const locale = useLocale();
  return (
    <RemixForm
      ref={ref}
      action={action === undefined ? undefined : localizedPath(locale, action)}
      {...props}
    />
  );
});
