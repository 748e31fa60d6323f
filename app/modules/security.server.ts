import { randomBytes } from "node:crypto";

export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Headers for every response. The CSP allows scripts only with this request's nonce (Remix's
 * own inline scripts get it in entry.server.tsx) and no framing at all. In development Vite
 * injects styles and talks over a websocket, so those two are relaxed there only.
 */
export function securityHeaders(nonce: string, options: { dev?: boolean } = {}): Record<string, string> {
  const dev = options.dev === true;
  const csp = [
    "default-src 'self'",
    // With a nonce present browsers ignore 'unsafe-inline', so dev (Vite's inline module
    // scripts carry no nonce) uses 'unsafe-inline' alone.
    dev ? "script-src 'self' 'unsafe-inline'" : `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  };
}
