import { describe, expect, it } from "vitest";
import { AppError, errorResponse, isAppError, throwAsResponse } from "#app/lib/errors.ts";
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
  it("carries a message, a status (400 by default), a field and a code", () => {
    const error = new AppError("Kies een groep.", { status: 409, field: "groep", code: "group.full" });
    expect(error).toBeInstanceOf(Error);
    expect([error.message, error.status, error.field, error.code, error.name]).toEqual([
      "Kies een groep.",
      409,
      "groep",
      "group.full",
      "AppError",
    ]);
    expect(new AppError("x").status).toBe(400);
  });

  it("is what every module's refusal is, with the status and field it had", () => {
    const cases: [AppError, number, string | undefined][] = [
      [new AccountError("a", "email"), 400, "email"],
      [new InstitutionError("b"), 400, "institution"],
      [new GroupError("c"), 409, undefined],
      [new GroupError("c", 403), 403, undefined],
      [new ProposalError("d"), 409, undefined],
      [new ProposalError("d", 404), 404, undefined],
      [new SessionError("e"), 400, undefined],
      [new SessionError("e", 404), 404, undefined],
      [new KennisbankError("f"), 400, undefined],
      [new KennisbankError("f", 409), 409, undefined],
      [new ParticipationError("g"), 400, undefined],
      [new LinkError("h"), 400, undefined],
      [new UploadGoneError(), 409, undefined],
      [new MatchError("min", "i"), 400, undefined],
    ];
    for (const [error, status, field] of cases) {
      expect(isAppError(error), error.name).toBe(true);
      expect([error.status, error.field], error.name).toEqual([status, field]);
    }
    expect(new UploadGoneError().code).toBe("survey.upload-gone");
    expect(new MatchError("max", "te groot").code).toBe("match.max");
    expect(new KennisbankError("f").name).toBe("KennisbankError");
  });
});

describe("errorResponse", () => {
  it("answers an AppError with the body and the error's status", async () => {
    const answer = errorResponse(new GroupError("Deze groep is vol."), (e) => ({
      error: e.message,
      ok: null,
    }));
    expect(answer.init?.status).toBe(409);
    expect(answer.data).toEqual({ error: "Deze groep is vol.", ok: null });
    expect(errorResponse(new GroupError("x"), (e) => e.message, { status: 400 }).init?.status).toBe(400);
  });

  it("rethrows anything that is not an AppError", () => {
    const bug = new TypeError("kapot");
    expect(thrown(() => errorResponse(bug, () => null))).toBe(bug);
    const redirect = new Response(null, { status: 302 });
    expect(thrown(() => errorResponse(redirect, () => null))).toBe(redirect);
  });

  it("shows the statuses asked for as the error page", () => {
    const page = thrown(() =>
      errorResponse(new SessionError("weg", 404), () => null, { asErrorPage: [404] }),
    );
    expect(page).toBeInstanceOf(Response);
    expect((page as Response).status).toBe(404);
    expect(errorResponse(new SessionError("fout"), () => null, { asErrorPage: [404] }).init?.status).toBe(
      400,
    );
  });
});

describe("throwAsResponse", () => {
  it("turns a 403 or 404 into the error page, with a generic text", async () => {
    const forbidden = thrown(() => throwAsResponse(new SessionError("alleen leden", 403))) as Response;
    expect([forbidden.status, await forbidden.text()]).toEqual([403, "Geen toegang"]);
    const missing = thrown(() => throwAsResponse(new KennisbankError("weg", 404))) as Response;
    expect([missing.status, await missing.text()]).toEqual([404, "Niet gevonden"]);
  });
  it("rethrows other errors as they are", () => {
    const refusal = new SessionError("fout", 400);
    expect(thrown(() => throwAsResponse(refusal))).toBe(refusal);
  });
});
