import { describe, expect, it } from "vitest";
import { cookieValue, cookieValues, parseCookies } from "#app/lib/cookies.ts";
import { csvResponse, quoteField, toCsv } from "#app/lib/csv.ts";
import { Lru } from "#app/lib/lru.ts";
import { appOrigin, expressOrigin, isHttpsOrigin, mailOrigin, requestOrigin } from "#app/lib/origin.ts";
import { idParam, parseId } from "#app/lib/params.ts";
import { staleSessionCookie, tokenFromRequest } from "#app/modules/auth/session.server.ts";

describe("origin", () => {
  const request = new Request("http://intern:3000/intervisie/agenda?x=1");
  it("is APP_ORIGIN when set, otherwise the request's own", () => {
    expect(requestOrigin(request)).toBe("http://intern:3000");
    expect(appOrigin(request, undefined)).toBe("http://intern:3000");
    expect(appOrigin(request, "https://av-kennisnet.nl")).toBe("https://av-kennisnet.nl");
  });
  it("says HTTPS from the configured origin first", () => {
    expect(isHttpsOrigin(request, undefined)).toBe(false);
    expect(isHttpsOrigin(request, "https://av-kennisnet.nl")).toBe(true);
    expect(isHttpsOrigin(new Request("https://x.nl/"), undefined)).toBe(true);
    expect(isHttpsOrigin(new Request("https://x.nl/"), "http://localhost:3000")).toBe(false);
  });
  it("links in mail never follow the request: APP_ORIGIN or localhost", () => {
    expect(mailOrigin({ APP_ORIGIN: undefined, PORT: 4000 })).toBe("http://localhost:4000");
    expect(mailOrigin({ APP_ORIGIN: "https://av-kennisnet.nl", PORT: 4000 })).toBe("https://av-kennisnet.nl");
  });
  it("reads an Express request's scheme and Host", () => {
    const req = (host: string | undefined) => ({
      protocol: "https",
      get: (name: string) => (name === "host" ? host : undefined),
    });
    expect(expressOrigin(req("av-kennisnet.nl"))).toBe("https://av-kennisnet.nl");
    expect(expressOrigin(req(undefined))).toBe("https://");
  });
});

describe("csv", () => {
  it("quotes a field only when it must", () => {
    expect(quoteField("gewoon")).toBe("gewoon");
    expect(quoteField("a,b")).toBe('"a,b"');
    expect(quoteField("a;b")).toBe("a;b");
    expect(quoteField("a;b", ";")).toBe('"a;b"');
    expect(quoteField('zei "ja"')).toBe('"zei ""ja"""');
    expect(quoteField("twee\nregels")).toBe('"twee\nregels"');
    expect(quoteField(" rand")).toBe('" rand"');
  });
  it("writes a table with CRLF, empty nulls and defused formulas", () => {
    const csv = toCsv({
      columns: ["naam", "n"],
      rows: [
        ["Archief, Noord", 3],
        ["=SUM(A1)", null],
        ["-1", 0.5],
      ],
    });
    expect(csv).toBe("naam,n\r\n\"Archief, Noord\",3\r\n'=SUM(A1),\r\n'-1,0.5\r\n");
  });
  it("sends CSV as a UTF-8 download with a byte-order mark", async () => {
    const response = csvResponse("a,b\r\n", "plan.csv", "private, no-store");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="plan.csv"');
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe("Lru", () => {
  it("drops the least recently used entry first", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });
  it("stores nothing with a budget of 0", () => {
    const lru = new Lru<string, number>(0);
    lru.set("a", 1);
    expect(lru.size).toBe(0);
  });
  it("keeps a byte budget with a weight per entry", () => {
    const lru = new Lru<string, { bytes: number }>(10, (v) => v.bytes);
    lru.set("a", { bytes: 4 });
    lru.set("b", { bytes: 4 });
    lru.set("big", { bytes: 11 });
    expect(lru.get("big")).toBeUndefined();
    expect(lru.weight).toBe(8);
    lru.set("c", { bytes: 4 });
    expect(lru.get("a")).toBeUndefined();
    expect(lru.weight).toBe(8);
    lru.set("b", { bytes: 1 });
    expect(lru.weight).toBe(5);
    lru.delete("b");
    expect(lru.weight).toBe(4);
    lru.clear();
    expect([lru.size, lru.weight]).toEqual([0, 0]);
  });
});

describe("cookies", () => {
  const header = "avk_sessie=abc=def; taal=xx; taal=en;  leeg=";
  it("reads a cookie's first value as sent, '=' included", () => {
    expect(cookieValue(header, "avk_sessie")).toBe("abc=def");
    expect(cookieValue(header, "taal")).toBe("xx");
    expect(cookieValue(header, "leeg")).toBe("");
    expect(cookieValue(header, "anders")).toBeUndefined();
    expect(cookieValue(null, "taal")).toBeUndefined();
  });
  it("lists every value of a name", () => {
    expect(cookieValues(header, "taal")).toEqual(["xx", "en"]);
  });
  it("maps all cookies, the first of a name winning", () => {
    const jar = parseCookies(header);
    expect(jar.get("taal")).toBe("xx");
    expect(jar.get("avk_sessie")).toBe("abc=def");
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe("id params", () => {
  it("accepts positive integers that fit an integer column", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("007")).toBe(7);
    expect(parseId("2147483647")).toBe(2_147_483_647);
  });
  it.each([undefined, null, "", "0", "-1", "1.5", "1e3", " 1", "abc", "2147483648", "99999999999"])(
    "rejects %j",
    (value) => {
      expect(parseId(value)).toBeNull();
    },
  );
  it("throws a 404 Response for a bad route id", () => {
    expect(idParam(new Request("http://localhost/"), { id: "12" }, "id")).toBe(12);
    let thrown: unknown;
    try {
      idParam(new Request("http://localhost/en/instellingen/x"), { id: "x" }, "id");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(() => idParam(new Request("http://localhost/"), {}, "id")).toThrow();
  });
});

describe("session cookie, read through cookies.ts", () => {
  const request = (cookie: string) => new Request("https://x.nl/", { headers: { Cookie: cookie } });
  it("takes the __Host- name over https and the plain name over http; an empty value is none", () => {
    expect(tokenFromRequest(request("a=1; __Host-avk_sessie=tok; avk_sessie=oud"), true)).toBe("tok");
    expect(tokenFromRequest(request("__Host-avk_sessie=tok"), false)).toBeNull();
    expect(tokenFromRequest(request("avk_sessie=tok=="), false)).toBe("tok==");
    expect(tokenFromRequest(request("avk_sessie="), false)).toBeNull();
    expect(tokenFromRequest(new Request("http://x.nl/"), false)).toBeNull();
  });
  it("clears a leftover plain cookie over https only", () => {
    expect(staleSessionCookie(request("avk_sessie=oud"), true)).toMatch(/^avk_sessie=;.*Max-Age=0/);
    expect(staleSessionCookie(request("avk_sessie="), true)).toBeNull();
    expect(staleSessionCookie(request("avk_sessie=oud"), false)).toBeNull();
  });
});
