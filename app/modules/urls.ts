/**
 * Links people enter (article sources, session links) are http(s) only: checked when they are
 * saved and again when they are rendered, so a `javascript:` or `data:` address stored before
 * the check (or imported) never becomes a link.
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The address as a link target when it is http(s), otherwise undefined (shown as text). */
export function safeHref(value: string | null | undefined): string | undefined {
  return value && isHttpUrl(value) ? value.trim() : undefined;
}
