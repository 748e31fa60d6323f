const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a state-changing request comes from this site: its Origin (or, when a browser sent
 * none, its Referer) must equal the site's origin. The site's origin is APP_ORIGIN when set,
 * otherwise the scheme and Host of the request as the server sees it.
 */
export function isSameOriginRequest(
  method: string,
  headers: { origin?: string | null; referer?: string | null },
  siteOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const claimed = headers.origin ?? originOf(headers.referer);
  if (!claimed || claimed === "null") return false;
  return claimed === siteOrigin;
}

function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
