import { describe, expect, it } from "vitest";
import { safeRedirect } from "#app/modules/http.server.ts";
import { createNonce, securityHeaders } from "#app/modules/security.server.ts";

describe("security headers", () => {
  it("allow scripts only with the request's nonce and forbid framing", () => {
    const nonce = createNonce();
    const headers = securityHeaders(nonce);
    const csp = headers["Content-Security-Policy"];
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("give every request its own nonce", () => {
    // More than one block of random bytes (256 nonces), so the refill is covered too.
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("safeRedirect", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirect("/kennisbank?q=umatic")).toBe("/kennisbank?q=umatic");
    expect(safeRedirect("/")).toBe("/");
  });

  it("refuses other sites and odd values", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      null,
    ]) {
      expect(safeRedirect(bad, "/start")).toBe("/start");
    }
    expect(safeRedirect("/\nSet-Cookie: x")).toBe("/");
  });
});
