import { describe, expect, it } from "vitest";
import { amsterdamToUtc, formatSessionTime, utcToAmsterdam } from "#app/modules/intervisie/amsterdam-time.ts";
import { buildCalendar, escapeText, foldLine, formatUtc } from "#app/modules/intervisie/ics.ts";

const octets = (s: string) => new TextEncoder().encode(s).length;

/** Unfolds content lines as a calendar reader does (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

describe("iCalendar", () => {
  it("escapes backslash, semicolon, comma and newlines in text", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf")).toBe("a\\,b\\;c\\\\d\\ne\\nf");
  });

  it("folds lines at 75 octets without splitting UTF-8 characters", () => {
    const line = `DESCRIPTION:${"é".repeat(100)}ñ€${"x".repeat(90)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, part] of parts.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
      expect(part).not.toContain("\uFFFD");
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
    expect(foldLine("SUMMARY:kort")).toBe("SUMMARY:kort");
    // Exactly 75 octets stays on one line; 76 folds.
    expect(foldLine("X".repeat(75))).toBe("X".repeat(75));
    expect(foldLine("X".repeat(76))).toBe(`${"X".repeat(75)}\r\n X`);
  });

  it("writes a calendar with CRLF, UID, DTSTAMP, UTC times, SEQUENCE, STATUS and LOCATION", () => {
    const ics = buildCalendar({
      name: "Intervisie",
      now: new Date("2026-03-01T08:00:00Z"),
      events: [
        {
          uid: "intervisie-sessie-7@av-kennisnet.nl",
          sequence: 3,
          start: new Date("2026-03-12T13:00:00Z"),
          end: new Date("2026-03-12T15:00:00Z"),
          summary: "Casus: OOC, AVG; en meer",
          description: `Regel 1\nRegel 2 met een lange tekst ${"lang ".repeat(30)}`,
          location: "Beeld en Geluid, Media Park 1, Hilversum",
          url: "https://av-kennisnet.nl/intervisie/sessies/7",
          cancelled: true,
        },
      ],
    });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    const text = unfold(ics);
    expect(text).toContain("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:");
    expect(text).toContain("UID:intervisie-sessie-7@av-kennisnet.nl\r\n");
    expect(text).toContain("DTSTAMP:20260301T080000Z\r\n");
    expect(text).toContain("DTSTART:20260312T130000Z\r\n");
    expect(text).toContain("DTEND:20260312T150000Z\r\n");
    expect(text).toContain("SEQUENCE:3\r\n");
    expect(text).toContain("SUMMARY:Casus: OOC\\, AVG\\; en meer\r\n");
    expect(text).toContain("DESCRIPTION:Regel 1\\nRegel 2 met");
    expect(text).toContain("LOCATION:Beeld en Geluid\\, Media Park 1\\, Hilversum\r\n");
    expect(text).toContain("URL:https://av-kennisnet.nl/intervisie/sessies/7\r\n");
    expect(text).toContain("STATUS:CANCELLED\r\n");
    expect(text).toContain("END:VEVENT\r\nEND:VCALENDAR\r\n");
    expect(formatUtc(new Date("2026-01-02T03:04:05.678Z"))).toBe("20260102T030405Z");
  });
});

describe("Europe/Amsterdam time", () => {
  it("converts winter and summer times to UTC", () => {
    expect(amsterdamToUtc("2026-01-15", "14:00")?.toISOString()).toBe("2026-01-15T13:00:00.000Z");
    expect(amsterdamToUtc("2026-07-15", "14:00")?.toISOString()).toBe("2026-07-15T12:00:00.000Z");
    // Around the switch to summer time (Sunday 29 March 2026, 02:00 → 03:00).
    expect(amsterdamToUtc("2026-03-29", "01:59")?.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(amsterdamToUtc("2026-03-29", "02:30")).toBeNull();
    expect(amsterdamToUtc("2026-03-29", "03:00")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    // Back to winter time (Sunday 25 October 2026, 03:00 → 02:00): 02:30 happens twice, the first counts.
    expect(amsterdamToUtc("2026-10-25", "02:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(amsterdamToUtc("2026-10-25", "03:30")?.toISOString()).toBe("2026-10-25T02:30:00.000Z");
    expect(amsterdamToUtc("2026-02-30", "10:00")).toBeNull();
    expect(amsterdamToUtc("2026-1-5", "10:00")).toBeNull();
  });

  it("reads instants back as Amsterdam wall-clock time", () => {
    expect(utcToAmsterdam(new Date("2026-03-29T01:00:00Z"))).toEqual({ date: "2026-03-29", time: "03:00" });
    expect(utcToAmsterdam(new Date("2026-12-31T23:30:00Z"))).toEqual({ date: "2027-01-01", time: "00:30" });
    for (const iso of ["2026-06-01T08:15:00Z", "2026-11-01T18:45:00Z"]) {
      const local = utcToAmsterdam(new Date(iso));
      expect(amsterdamToUtc(local.date, local.time)?.toISOString()).toBe(new Date(iso).toISOString());
    }
    expect(formatSessionTime(new Date("2026-07-15T12:00:00Z"), "nl", 90)).toBe(
      "woensdag 15 juli 2026, 14:00–15:30 (CEST, Amsterdam)",
    );
  });
});
