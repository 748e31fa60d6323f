// An Intl.DateTimeFormat is costly to make (tens of microseconds); each kind is made once per
// language and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const lang = locale === "en" ? "en-GB" : "nl-NL";
  let made = formatters.get(`${key} ${lang}`);
  if (!made) {
    made = new Intl.DateTimeFormat(lang, options);
    formatters.set(`${key} ${lang}`, made);
  }
  return made;
}

/** A date (YYYY-MM-DD or a Date) in the reader's language, in Amsterdam time. */
export function formatDate(value: string | Date, locale: string, style: "long" | "medium" = "long"): string {
  const date =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  return formatter(style, locale, { dateStyle: style, timeZone: "Europe/Amsterdam" }).format(date);
}

/** A moment in the reader's language, in Amsterdam time ("long": the date written out, as in mails). */
export function formatDateTime(
  value: string | Date,
  locale: string,
  style: "medium" | "long" = "medium",
): string {
  return formatter(`datetime ${style}`, locale, {
    dateStyle: style,
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(new Date(value));
}
