import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "#app/i18n/en.ts";
import { nl } from "#app/i18n/nl.ts";
import {
  AppError,
  errorResponse,
  errorText,
  isAppError,
  pageResponse,
  throwAsResponse,
} from "#app/lib/errors.ts";
import { InstitutionError } from "#app/modules/auth/institutions.server.ts";
import { AccountError } from "#app/modules/auth/users.server.ts";
import { GroupError } from "#app/modules/intervisie/groups.server.ts";
import { ProposalError } from "#app/modules/intervisie/matching.server.ts";
import { MatchError } from "#app/modules/intervisie/matching.ts";
import { ParticipationError } from "#app/modules/intervisie/participation.server.ts";
import { SessionError } from "#app/modules/intervisie/sessions/core.server.ts";
import { KennisbankError } from "#app/modules/kennisbank/articles.server.ts";
import { UploadGoneError } from "#app/modules/survey/import.server.ts";
import { LinkError } from "#app/modules/survey/links.server.ts";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}

describe("AppError", () => {
  it("carries a message key and its values, a status (400 by default) and a field", () => {
    const error = new AppError("error.group.full", { status: 409, field: "groep", params: { max: 7 } });
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.params, error.status, error.field, error.name]).toEqual([
      "error.group.full",
      { max: 7 },
      409,
      "groep",
      "AppError",
    ]);
    expect(new AppError("error.group.notFound").status).toBe(400);
  });

  it("says its message in either language; `message` is the Dutch text, for logs and the command line", () => {
    const error = new GroupError("error.group.full", 409, { max: 7 });
    expect(error.message).toBe("Deze groep is vol (7 leden).");
    expect(error.text("nl")).toBe("Deze groep is vol (7 leden).");
    expect(error.text("en")).toBe("This group is full (7 members).");
  });

  it("says a message inside a message, and a list of them, in the same language", () => {
    const error = new GroupError("error.group.cannotAdmit", 409, {
      problem: { key: "error.group.alreadyMember" },
    });
    expect(error.message).toBe("Kan niet toelaten: Je bent al lid van deze groep.");
    expect(error.text("en")).toBe("Cannot admit: You are already a member of this group.");
    const problems = [
      { key: "error.match.colleagues", params: { group: 1, institution: "Eye" } },
      { key: "error.match.inNoGroup", params: { id: "d8" } },
    ] as const;
    expect(errorText("en", { key: "error.proposal.breaksRules", params: { problems } })).toBe(
      'The proposal does not meet the rules: Group 1 has two participants from Eye. Participant "d8" is not in any group.',
    );
  });

  it("takes only a key of the error part of the dictionary, never a sentence", () => {
    // Checked by the compiler (npm run typecheck), not run: either line would not compile.
    const refused = () => [
      // @ts-expect-error a Dutch sentence is no message key
      new AppError("Deze groep is vol."),
      // @ts-expect-error a key outside error.* is no refusal
      new SessionError("site.name"),
    ];
    expect(refused).toBeTypeOf("function");
    expect(Object.keys(nl).filter((k) => k.startsWith("error.")).length).toBeGreaterThan(150);
    for (const key of Object.keys(nl)) if (key.startsWith("error.")) expect(en, key).toHaveProperty(key);
  });

  it("is what every module's refusal is, with the status and field it had", () => {
    const cases: [AppError, number, string | undefined][] = [
      [new AccountError("error.account.emailTaken", "email"), 400, "email"],
      [new InstitutionError("error.institution.notFound"), 400, "institution"],
      [new GroupError("error.group.full"), 409, undefined],
      [new GroupError("error.group.notMember", 403), 403, undefined],
      [new ProposalError("error.proposal.decided"), 409, undefined],
      [new ProposalError("error.proposal.notFound", 404), 404, undefined],
      [new SessionError("error.session.roleNotMember"), 400, undefined],
      [new SessionError("error.session.notFound", 404), 404, undefined],
      [new KennisbankError("error.kennisbank.chooseSource"), 400, undefined],
      [new KennisbankError("error.kennisbank.savedConcurrently", 409), 409, undefined],
      [new ParticipationError("error.participation.provinceMissing"), 400, undefined],
      [new LinkError("error.survey.nameGone"), 400, undefined],
      [new UploadGoneError(), 409, undefined],
      [new MatchError("min", "error.match.tooFew", { count: 3, min: 4 }), 400, undefined],
    ];
    for (const [error, status, field] of cases) {
      expect(isAppError(error), error.name).toBe(true);
      expect([error.status, error.field], error.name).toEqual([status, field]);
    }
    expect(new UploadGoneError().code).toBe("error.survey.uploadGone");
    expect(new MatchError("max", "error.match.minAboveMax", { min: 5, max: 4 }).constraint).toBe("max");
    expect(new KennisbankError("error.kennisbank.chooseSource").name).toBe("KennisbankError");
  });
});

describe("no refusal is a sentence", () => {
  /** Every .ts/.tsx file under a folder. */
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(file);
      return /\.tsx?$/.test(entry.name) ? [file] : [];
    });
  }
  // The errors that are AppErrors: AppError and every subclass of it in the code.
  const files = [...sources("app"), ...sources("db")];
  const appErrors = new Set(["AppError"]);
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(/class (\w+) extends AppError\b/g))
      appErrors.add(m[1]!);
  }

  it("finds the module errors", () => {
    expect([...appErrors]).toEqual(expect.arrayContaining(["GroupError", "SessionError", "KennisbankError"]));
  });

  it("constructs every AppError with a message key, not with text or a template", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/new (\w+)\(\s*/g)) {
        if (!appErrors.has(m[1]!)) continue;
        // A MatchError names its constraint first; then comes the message.
        const rest = text.slice(m.index! + m[0].length).replace(/^"(?:input|min|max|institution)",\s*/, "");
        // A literal must be a key; anything else (a variable, a choice of keys) the types check.
        if (/^["'`]/.test(rest) && !/^"error\.[\w.]+"/.test(rest))
          offenders.push(`${file}: ${rest.slice(0, 60)}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("errorResponse", () => {
  it("answers an AppError with the body in the page's language and the error's status", async () => {
    const full = new GroupError("error.group.full", 409, { max: 5 });
    const answer = errorResponse(full, "nl", (message) => ({ error: message, ok: null }));
    expect(answer.init?.status).toBe(409);
    expect(answer.data).toEqual({ error: "Deze groep is vol (5 leden).", ok: null });
    const english = errorResponse(full, "en", (message, e) => ({ error: message, code: e.code }));
    expect(english.data).toEqual({ error: "This group is full (5 members).", code: "error.group.full" });
    expect(errorResponse(full, "nl", (m) => m, { status: 400 }).init?.status).toBe(400);
  });

  it("sends Retry-After for a refusal that says when to try again", () => {
    const limited = new AppError("error.login.tooManyResets", {
      status: 429,
      params: { minutes: 3 },
      retryAfter: 150,
    });
    const answer = errorResponse(limited, "en", (message) => message);
    expect(answer.data).toBe("Enough links have been asked for already. Try again in 3 minutes.");
    expect(new Headers(answer.init?.headers).get("Retry-After")).toBe("150");
  });

  it("rethrows anything that is not an AppError", () => {
    const bug = new TypeError("kapot");
    expect(thrown(() => errorResponse(bug, "nl", () => null))).toBe(bug);
    const redirect = new Response(null, { status: 302 });
    expect(thrown(() => errorResponse(redirect, "nl", () => null))).toBe(redirect);
  });

  it("shows the statuses asked for as the error page", () => {
    const page = thrown(() =>
      errorResponse(new SessionError("error.session.notFound", 404), "nl", () => null, {
        asErrorPage: [404],
      }),
    );
    expect(page).toBeInstanceOf(Response);
    expect((page as Response).status).toBe(404);
    const refusal = new SessionError("error.session.roleNotMember");
    expect(errorResponse(refusal, "nl", () => null, { asErrorPage: [404] }).init?.status).toBe(400);
  });
});

describe("throwAsResponse", () => {
  it("turns a 403 or 404 into the error page, with a generic text", async () => {
    const forbidden = thrown(() =>
      throwAsResponse(new SessionError("error.session.noAccess", 403), "nl"),
    ) as Response;
    expect([forbidden.status, await forbidden.text()]).toEqual([403, "Geen toegang"]);
    const missing = thrown(() =>
      throwAsResponse(new KennisbankError("error.kennisbank.articleNotFound", 404), "nl"),
    ) as Response;
    expect([missing.status, await missing.text()]).toEqual([404, "Niet gevonden"]);
  });
  it("says that generic text in the page's language: English on an English page", async () => {
    const forbidden = thrown(() =>
      throwAsResponse(new SessionError("error.session.noAccess", 403), "en"),
    ) as Response;
    expect([forbidden.status, await forbidden.text()]).toEqual([403, "Access denied"]);
    const missing = thrown(() =>
      throwAsResponse(new KennisbankError("error.kennisbank.articleNotFound", 404), "en"),
    ) as Response;
    expect([missing.status, await missing.text()]).toEqual([404, "Not found"]);
    const page = pageResponse(404, "en");
    expect([page.status, await page.text()]).toEqual([404, "Not found"]);
  });
  it("rethrows other errors as they are", () => {
    const refusal = new SessionError("error.session.roleNotMember", 400);
    expect(thrown(() => throwAsResponse(refusal, "nl"))).toBe(refusal);
  });
});
