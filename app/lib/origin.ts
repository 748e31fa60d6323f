// The site's address, computed in one place. Which one to use:
// - appOrigin: links a browser follows from a response (calendars) and whether cookies get
//   `Secure`: APP_ORIGIN when set, else the origin of the request as Remix sees it.
// - mailOrigin: links in e-mails: APP_ORIGIN, else this machine (never the Host of a request,
//   which a visitor chooses).
// - expressOrigin: the scheme and Host of an Express request (TRUST_PROXY decides whether
//   X-Forwarded-Proto counts), for the origin check and the render-cache key.

/** The origin of the URL a request was made to. */
export function requestOrigin(request: Pick<Request, "url">): string {
  return new URL(request.url).origin;
}

/** APP_ORIGIN when set, otherwise the request's own origin. */
export function appOrigin(request: Pick<Request, "url">, configured: string | undefined): string {
  return configured ?? requestOrigin(request);
}

/** True when the site is served over HTTPS (so cookies get `Secure`). */
export function isHttpsOrigin(request: Pick<Request, "url">, configured: string | undefined): boolean {
  return appOrigin(request, configured).startsWith("https:");
}

/** The site's address for links in e-mails: APP_ORIGIN, or the local server without it. */
export function mailOrigin(env: { APP_ORIGIN?: string | undefined; PORT: number }): string {
  return env.APP_ORIGIN ?? `http://localhost:${env.PORT}`;
}

/** The scheme and Host an Express request was made to (an absent Host gives an empty host). */
export function expressOrigin(req: { protocol: string; get(name: string): string | undefined }): string {
  return `${req.protocol}://${req.get("host") ?? ""}`;
}
