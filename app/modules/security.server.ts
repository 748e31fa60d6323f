import { randomFillSync } from "node:crypto";

// Nonces are cut from a block of random bytes filled 256 nonces at a time: one call into the
// random generator per 256 requests instead of one each (issue #21). Every nonce is 16 bytes
// that no other nonce shares; the block is refilled, never read twice.
const NONCE_BYTES = 16;
const nonceBlock = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = nonceBlock.length;

export function createNonce(): string {
  if (nonceOffset >= nonceBlock.length) {
    randomFillSync(nonceBlock);
    nonceOffset = 0;
  }
  const nonce = nonceBlock.toString("base64", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

/**
 * The Content-Security-Policy. Scripts are allowed only from this origin and by `scriptSources`:
 * this request's nonce, or (for a page from the render cache, app/server/http-cache.ts) the
 * hashes of exactly the inline scripts in that page. No framing at all. In development Vite
 * injects styles and talks over a websocket, so those two are relaxed there only.
 */
export function contentSecurityPolicy(scriptSources: string[], options: { dev?: boolean } = {}): string {
  const dev = options.dev === true;
  return [
    "default-src 'self'",
    // With a nonce present browsers ignore 'unsafe-inline', so dev (Vite's inline module
    // scripts carry no nonce) uses 'unsafe-inline' alone.
    dev ? "script-src 'self' 'unsafe-inline'" : ["script-src 'self'", ...scriptSources].join(" "),
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Headers for every response. The CSP allows scripts only with this request's nonce (Remix's
 * own inline scripts get it in entry.server.tsx); a cached page replaces it with its scripts'
 * hashes (app/server/http-cache.ts).
 */
export function securityHeaders(nonce: string, options: { dev?: boolean } = {}): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy([`'nonce-${nonce}'`], options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  };
}

/**
 * Warnings printed at start for a configuration that works but is not fit for production:
 * without APP_ORIGIN, links in e-mails point at this machine's own address (never at the Host a
 * request names, which anyone can choose).
 */
export function startupWarnings(env: { NODE_ENV: string; APP_ORIGIN?: string; PORT: number }): string[] {
  if (env.APP_ORIGIN || env.NODE_ENV === "test") return [];
  return [
    `Let op: APP_ORIGIN is niet gezet. Links in e-mails (zoals wachtwoordherstel) wijzen naar http://localhost:${env.PORT}; zet APP_ORIGIN op het publieke adres (bijvoorbeeld https://av-kennisnet.nl).`,
  ];
}
