// Issue #24 (hardening): the configuration and helpers behind the probe's findings.
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "#app/modules/env.server.ts";
import { articleDataSchema } from "#app/modules/kennisbank/model.ts";
import { redact } from "#app/modules/log.server.ts";
import { bodyLimitFor, FORM_LIMIT_BYTES, UPLOAD_LIMIT_BYTES } from "#app/modules/request-guards.server.ts";
import { startupWarnings } from "#app/modules/security.server.ts";
import { isHttpUrl, safeHref } from "#app/modules/urls.ts";

describe("TRUST_PROXY (finding 1)", () => {
  it("trusts no proxy unless told", () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
  });

  it("takes a number of hops or a list of proxy addresses and ranges", () => {
    expect(loadEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: "10.0.0.1, 10.1.0.0/16, loopback, ::1" }).TRUST_PROXY).toEqual([
      "10.0.0.1",
      "10.1.0.0/16",
      "loopback",
      "::1",
    ]);
  });

  it("refuses 'true' and other values that would let any client choose its address", () => {
    for (const value of ["true", "*", "10.0.0.1/40", "proxy.example", "99"]) {
      expect(() => loadEnv({ TRUST_PROXY: value }), value).toThrow(EnvError);
    }
    expect(() => loadEnv({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
  });
});

describe("links people enter (finding 3)", () => {
  it("are http(s) only", () => {
    expect(isHttpUrl("https://www.iasa-web.org/tc05")).toBe(true);
    expect(isHttpUrl("http://example.org")).toBe(true);
    for (const url of [
      "javascript:alert(document.domain)",
      " JavaScript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:x",
      "//evil.example",
      "mailto:a@b.example",
      "https//kapot",
    ]) {
      expect(isHttpUrl(url), url).toBe(false);
      expect(safeHref(url), url).toBeUndefined();
    }
  });

  it("are refused in article sources", () => {
    const data = {
      topics: ["storage"],
      lastReviewed: "2026-11-01",
      sources: [{ title: "Klik", url: "javascript:alert(document.domain)" }],
    };
    expect(articleDataSchema.safeParse(data).success).toBe(false);
    expect(
      articleDataSchema.safeParse({ ...data, sources: [{ title: "IASA", url: "https://www.iasa-web.org/" }] })
        .success,
    ).toBe(true);
  });
});

describe("body limits (finding 4)", () => {
  it("gives the upload forms their own limit and every other form a small one", () => {
    expect(bodyLimitFor("/inloggen")).toBe(FORM_LIMIT_BYTES);
    expect(bodyLimitFor("/registreren.data")).toBe(FORM_LIMIT_BYTES);
    expect(bodyLimitFor("/beheer/enquete")).toBe(UPLOAD_LIMIT_BYTES);
    expect(bodyLimitFor("/beheer/enquete.data")).toBe(UPLOAD_LIMIT_BYTES);
    expect(bodyLimitFor("/beheer/kennisbank/import")).toBe(UPLOAD_LIMIT_BYTES);
    expect(bodyLimitFor("/beheer/kennisbank/import/x")).toBe(FORM_LIMIT_BYTES);
    expect(FORM_LIMIT_BYTES).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe("mail links without APP_ORIGIN (finding 5)", () => {
  it("are announced at start in production, not when APP_ORIGIN is set", () => {
    expect(startupWarnings({ NODE_ENV: "production", PORT: 3000 })[0]).toContain("APP_ORIGIN");
    expect(startupWarnings({ NODE_ENV: "production", PORT: 3000, APP_ORIGIN: "https://a.example" })).toEqual(
      [],
    );
  });
});

describe("log redaction (finding 10)", () => {
  it("drops every parameter, also one with line breaks", () => {
    const text =
      "Error: Failed query: update app_user set x = $1\nparams: geheim,\nnog geheimer\n    at f (x.ts:1:1)";
    const out = redact(text);
    expect(out).not.toContain("geheim");
    expect(out).toContain("update app_user");
    expect(out).toContain("at f (x.ts:1:1)");
  });
});
