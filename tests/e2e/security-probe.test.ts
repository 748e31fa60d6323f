// Replays the requests of the outside probe (issue #24, findings 1-5 and 9) against the built
// server, over plain HTTP: spoofed forwarding headers, a chosen Host, oversized and chunked
// bodies, odd methods and content types, NUL characters. Every answer must be a plain 4xx, never
// a 500 or a stack trace, and the server must keep answering.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { totpCode, totpStep } from "#app/modules/auth/totp.ts";
import { E2E_ADMIN } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request with full control over method, headers and body (fetch forbids some of these). */
function send(
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  const url = new URL(target, env.app.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method, headers: { Origin: env.app.url, ...options.headers }, agent: false },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (d) => {
          text += d;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function cookieOf(answer: Answer): string {
  const setCookie = answer.headers["set-cookie"] ?? [];
  const session = setCookie.map((c) => c.split(";")[0]!).find((c) => /sessie=/.test(c));
  if (!session) throw new Error(`geen sessiecookie: ${answer.status} ${answer.text.slice(0, 200)}`);
  return session;
}

async function register(name: string, email: string): Promise<string> {
  const answer = await send("POST", "/registreren", {
    headers: FORM,
    body: form({ name, email, password: "zeven-spoelbanden-op-zolder", institution: "" }),
  });
  expect(answer.status).toBe(302);
  return cookieOf(answer);
}

/** A plain refusal: the expected status, and no stack trace or internal error text. */
function expectPlainRefusal(answer: Answer, status: number | number[]) {
  expect([status].flat()).toContain(answer.status);
  expect(answer.text).not.toMatch(/\bat .+\.(js|ts):\d+|TypeError|Internal Server Error/);
}

const ARTICLE = "praktijk-avg";

// No browser: these requests need full control over headers. Mail goes to env.app.mailDir.
const env = setupBrowserApp({ admin: true, browser: false });

describe("security probe (issue #24)", () => {
  it("finding 5: a reset link comes from the configuration, never from the Host header", async () => {
    const answer = await send("POST", "/wachtwoord-vergeten", {
      headers: { ...FORM, Host: "evil.example", Origin: "http://evil.example" },
      body: form({ email: E2E_ADMIN.email }),
    });
    expect(answer.status).toBe(200);
    // The mail is written just after the answer (finding 8): wait for it, at most 5 s.
    for (let i = 0; i < 50 && readdirSync(env.app.mailDir).length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    const mails = readdirSync(env.app.mailDir).map((f) =>
      readFileSync(path.join(env.app.mailDir, f), "utf8"),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]).not.toContain("evil.example");
    const port = new URL(env.app.url).port;
    expect(mails[0]).toContain(`http://localhost:${port}/wachtwoord-herstellen?token=`);
    // Without APP_ORIGIN the server said so at start.
    expect(env.app.output()).toContain("APP_ORIGIN is niet gezet");
  });

  it("finding 2: members see neither other members' suggestions nor archived articles", async () => {
    const login = await send("POST", "/inloggen", { headers: FORM, body: form(E2E_ADMIN) });
    expect(login.status).toBe(302);
    const admin = cookieOf(login);
    // An admin works as one only with a second factor: set it up as the page asks.
    expect(login.headers.location).toBe("/account/tweede-factor?redirectTo=%2Faccount");
    await send("POST", "/account/tweede-factor", {
      headers: { ...FORM, Cookie: admin },
      body: form({ intent: "starten" }),
    });
    const setup = await send("GET", "/account/tweede-factor", { headers: { Cookie: admin } });
    const key = /<code id="sleutel"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(setup.text)?.[1];
    expect(key).toBeDefined();
    const enabled = await send("POST", "/account/tweede-factor", {
      headers: { ...FORM, Cookie: admin },
      body: form({ intent: "bevestigen", code: totpCode(key!, totpStep()) }),
    });
    expect(enabled.status).toBe(200);
    const anna = await register("Anna Probe", "anna@probe.example");
    const bert = await register("Bert Probe", "bert@probe.example");

    const editPage = await send("GET", `/kennisbank/${ARTICLE}/bewerken`, { headers: { Cookie: bert } });
    expect(editPage.status).toBe(200);
    const base = /name="baseRevisionId" value="(\d+)"/.exec(editPage.text)?.[1];
    expect(base).toBeDefined();
    const suggestion = {
      locale: "nl",
      baseRevisionId: base!,
      title: "AVG in de praktijk",
      summary: "Een samenvatting.",
      body: "GEHEIM-VOORSTEL-VAN-BERT",
      topics: "avg",
      lastReviewed: "2026-11-26",
      sources: "Autoriteit Persoonsgegevens | https://autoriteitpersoonsgegevens.nl/",
      related: "",
      uncertain: "",
      note: "",
    };
    const saved = await send("POST", `/kennisbank/${ARTICLE}/bewerken`, {
      headers: { ...FORM, Cookie: bert },
      body: form(suggestion),
    });
    expect(saved.status).toBe(302);
    const annasForm = await send("GET", `/kennisbank/${ARTICLE}/bewerken`, { headers: { Cookie: anna } });
    expect(annasForm.status).toBe(200);
    expect(annasForm.text).not.toContain("GEHEIM-VOORSTEL-VAN-BERT");
    // The moderator does start from the newest suggestion.
    const adminForm = await send("GET", `/kennisbank/${ARTICLE}/bewerken`, { headers: { Cookie: admin } });
    expect(adminForm.text).toContain("GEHEIM-VOORSTEL-VAN-BERT");

    // Finding 3: a javascript: source is refused on the server.
    const hostile = await send("POST", `/kennisbank/${ARTICLE}/bewerken`, {
      headers: { ...FORM, Cookie: anna },
      body: form({ ...suggestion, sources: "Klik | javascript:alert(document.domain)" }),
    });
    expect(hostile.status).toBe(400);
    expect(hostile.text).toContain("https://");

    const archived = await send("POST", `/beheer/kennisbank/${ARTICLE}`, {
      headers: { ...FORM, Cookie: admin },
      body: form({ intent: "archive" }),
    });
    expect(archived.status).toBe(200);
    expect((await send("GET", `/kennisbank/${ARTICLE}`, { headers: { Cookie: anna } })).status).toBe(404);
    const archivedForm = await send("GET", `/kennisbank/${ARTICLE}/bewerken`, { headers: { Cookie: anna } });
    expect(archivedForm.status).toBe(404);
    expect(archivedForm.text).not.toContain("GEHEIM-VOORSTEL-VAN-BERT");
  });

  it("finding 4: bodies are limited before parsing, declared or chunked, with 413", async () => {
    // A declared 200 MB body is refused before it is sent.
    const declared = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL("/inloggen", env.app.url), {
        method: "POST",
        agent: false,
        headers: { ...FORM, Origin: env.app.url, "Content-Length": String(200 * 1024 * 1024) },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on("error", reject);
      request.flushHeaders();
    });
    expect(declared).toBe(413);

    // A chunked body: the server answers 413 once the limit is passed and stops reading.
    const total = 200 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const chunked = await new Promise<{ status: number; sent: number }>((resolve) => {
      let sent = 0;
      let status = 0;
      // A keep-alive connection, as browsers and curl use: the server answers and discards the
      // rest rather than resetting the connection under the answer.
      const agent = new http.Agent({ keepAlive: true });
      const request = http.request(new URL("/registreren", env.app.url), {
        method: "POST",
        agent,
        headers: { ...FORM, Origin: env.app.url, "Transfer-Encoding": "chunked" },
      });
      request.on("response", (response) => {
        status = response.statusCode ?? 0;
        response.resume();
        request.destroy();
        agent.destroy();
        resolve({ status, sent });
      });
      request.on("error", () => resolve({ status, sent }));
      const pump = () => {
        while (sent < total && !request.destroyed) {
          sent += chunk.length;
          if (!request.write(chunk)) {
            request.once("drain", pump);
            return;
          }
        }
        if (!request.destroyed) request.end();
      };
      request.write("name=");
      pump();
    });
    expect(chunked.status).toBe(413);
    expect(chunked.sent).toBeLessThan(total / 4);

    // A form just over the limit gets 413 with a plain message; the server still answers.
    const big = await send("POST", "/inloggen", {
      headers: FORM,
      body: form({ email: "a@b.example", password: "x".repeat(1024 * 1024 + 10) }),
    });
    expectPlainRefusal(big, 413);
    expect(big.text).toContain("te groot");
    expect((await send("GET", "/healthz")).status).toBe(200);
  });

  it("finding 9: NUL bytes, odd bodies and methods, unknown articles are 4xx, not 500", async () => {
    const anna = (
      await send("POST", "/inloggen", {
        headers: FORM,
        body: form({ email: "anna@probe.example", password: "zeven-spoelbanden-op-zolder" }),
      })
    ).headers["set-cookie"]?.[0]?.split(";")[0];
    expect(anna).toBeDefined();
    expectPlainRefusal(await send("GET", "/api/search?q=band%00recorder"), 400);
    expectPlainRefusal(await send("GET", "/kennisbank/u-matic%00"), [400, 404]);
    expectPlainRefusal(await send("GET", "/kennisbank/%E0%A4%A"), [400, 404]);
    expectPlainRefusal(
      await send("POST", "/inloggen", {
        headers: FORM,
        body: form({ email: "anna@probe.example\u0000", password: "zeven-spoelbanden-op-zolder" }),
      }),
      400,
    );
    expectPlainRefusal(
      await send("POST", "/registreren", {
        headers: FORM,
        body: form({
          name: "Nul\u0000Byte",
          email: "nul@probe.example",
          password: "zeven-spoelbanden-op-zolder",
        }),
      }),
      400,
    );
    expectPlainRefusal(
      await send("POST", "/inloggen", {
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "a@b.example", password: "x" }),
      }),
      400,
    );
    expectPlainRefusal(
      await send("POST", "/inloggen", { headers: { "Content-Type": "text/plain" }, body: "email=a" }),
      400,
    );
    expectPlainRefusal(
      await send("POST", "/inloggen", {
        headers: { "Content-Type": "multipart/form-data; boundary=XYZ" },
        body: '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nkapot',
      }),
      400,
    );
    const trace = await send("TRACE", "/");
    expectPlainRefusal(trace, 405);
    expect(trace.headers.allow).toContain("GET");
    expectPlainRefusal(
      await send("POST", "/kennisbank/bestaat-niet", {
        headers: { ...FORM, Cookie: anna! },
        body: form({ helpful: "ja", comment: "" }),
      }),
      404,
    );
    expect((await send("GET", "/healthz")).status).toBe(200);
  });

  // Last: it uses up this client's allowance of failed logins.
  it("finding 1: X-Forwarded-For does not choose the address failures count under", async () => {
    for (let i = 0; i < 20; i++) {
      const answer = await send("POST", "/inloggen", {
        headers: { ...FORM, "X-Forwarded-For": "10.12.0.1" },
        body: form({ email: `onbekend-${i}@probe.example`, password: "fout-wachtwoord-1" }),
      });
      expect(answer.status).toBe(400);
    }
    // Another claimed address gets no fresh allowance: the connection's address counts.
    const spoofed = await send("POST", "/inloggen", {
      headers: { ...FORM, "X-Forwarded-For": "10.12.0.2" },
      body: form({ email: "nog-een@probe.example", password: "fout-wachtwoord-1" }),
    });
    expect(spoofed.status).toBe(429);
    expect(Number(spoofed.headers["retry-after"])).toBeGreaterThan(0);
  });
});
