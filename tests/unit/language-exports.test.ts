// Issue #17: calendar texts and CSV headers in English, the Dutch output as it was, and the
// message layer's `{name}` interpolation that mails and notifications use.
import { describe, expect, it } from "vitest";
import { translate } from "#app/i18n/index.ts";
import { toCsv } from "#app/lib/csv.ts";
import {
  assumptionText,
  defaultAssumptionBySlug,
  defaultAssumptions,
} from "#app/modules/dragers/assumptions.ts";
import { buildPlan, planCsv } from "#app/modules/dragers/planner.ts";
import { sessionEvent } from "#app/modules/intervisie/calendar-feed.server.ts";
import { dashboardTable } from "#app/modules/survey/dashboard.ts";
import { figureTable, publishedFigures } from "#app/modules/survey/figures.ts";
import { surveyRow, syntheticRows } from "#tests/support/survey.ts";

describe("message interpolation", () => {
  it("fills in every {name} once, leaves a missing one visible and never reads a value as a placeholder", () => {
    expect(translate("en", "notify.group.request.title", { name: "Mila", group: "Noord" })).toBe(
      "Mila wants to join Noord",
    );
    expect(translate("nl", "notify.group.request.title", { name: "{group}", group: "Noord" })).toBe(
      "{group} wil lid worden van Noord",
    );
    expect(translate("nl", "notify.group.request.title", { name: "Mila" })).toBe(
      "Mila wil lid worden van {group}",
    );
    expect(translate("nl", "nav.kennisbank")).toBe("Kennisbank");
  });
});

describe("calendar event texts", () => {
  const session = {
    id: 7,
    title: "Spoelbanden",
    startsAt: new Date("2027-03-12T13:00:00Z"),
    durationMinutes: 90,
    onlineUrl: "https://meet.jit.si/avk",
    address: null,
    method: "vijfstappen",
    sequence: 0,
    cancelled: false,
    groupName: "Noord",
    myStatus: "waitlist" as const,
  };

  it("stay exactly as they were in Dutch", () => {
    const event = sessionEvent(session, "https://av-kennisnet.nl");
    expect(event.summary).toBe("Spoelbanden (wachtlijst)");
    expect(event.description).toBe(
      [
        "Intervisiebijeenkomst van Noord.",
        "Methode: Vijfstappenmethode.",
        "Online: https://meet.jit.si/avk",
        "Je staat op de wachtlijst.",
        "Pagina van de bijeenkomst: https://av-kennisnet.nl/intervisie/sessies/7",
      ].join("\n"),
    );
  });

  it("are English for an English reader", () => {
    const event = sessionEvent(session, "https://av-kennisnet.nl", "en");
    expect(event.summary).toBe("Spoelbanden (waiting list)");
    expect(event.description).toBe(
      [
        "Intervision session of Noord.",
        "Method: Five-step method.",
        "Online: https://meet.jit.si/avk",
        "You are on the waiting list.",
        "Session page: https://av-kennisnet.nl/en/intervisie/sessies/7",
      ].join("\n"),
    );
  });
});

describe("CSV headers", () => {
  const plan = buildPlan(
    [
      { carrier: "u-matic", count: 40, minutes: null, condition: "slecht" },
      { carrier: "16mm-film", count: 10, minutes: null, condition: "twijfelachtig" },
    ],
    defaultAssumptionBySlug,
    new Map([
      ["u-matic", "U-matic"],
      ["16mm-film", "16 mm film"],
    ]),
  );

  it("the planner's CSV in English: column names, conditions, explanations and the total row", () => {
    const lines = planCsv(plan, "en").trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "rank,carrier,count,minutes_per_item,condition,degradation,obsolescence,condition_factor,risk_score,explanation,content_hours,digitisation_factor,digitisation_hours,master_tb,access_tb",
    );
    expect(lines[1]).toBe(
      "1,U-matic,40,60,bad,4,5,2,40,Degradation 4 × playback obsolescence 5 = 20; condition bad: × 2 = 40.,40,2,80,2,0.068",
    );
    expect(lines[2]).toMatch(/^2,16 mm film,10,11,doubtful,/);
    expect(lines.at(-1)).toMatch(/^total,/);
    // The same figures as the Dutch file.
    const nl = planCsv(plan).trimEnd().split("\r\n");
    expect(nl[0]!.startsWith("rang,drager,aantal,")).toBe(true);
    expect(nl.at(-1)!.replace(/^totaal/, "")).toBe(lines.at(-1)!.replace(/^total/, ""));
  });

  it("the trends tables in English: breakdown by type and comparison across waves", () => {
    const rows = [
      ...Array.from({ length: 2 }, () => surveyRow(2030, "Omroep", { ooc_known: "Nee" })),
      ...Array.from({ length: 7 }, () => surveyRow(2030, "Archief", { ooc_known: "Ja" })),
      ...Array.from({ length: 8 }, () => surveyRow(2030, "Museum", { ooc_known: "Ja" })),
    ];
    const type = toCsv(dashboardTable(rows, [2030], 2030, "ooc_known", "type", "en")!).split("\r\n");
    expect(type[0]).toBe("Institution type,N,Yes (%),No (%)");
    expect(type).toContain("Broadcaster,< 5,,");
    expect(type).toContain("Museum,8,100,0");
    expect(type.some((l) => l.startsWith("Total,"))).toBe(true);
    expect(toCsv(dashboardTable(rows, [2030], 2030, "ooc_known", "type")!).split("\r\n")[0]).toBe(
      "Type instelling,N,Ja (%),Nee (%)",
    );

    const waves = toCsv(
      dashboardTable(syntheticRows(), [2019, 2022, 2024], 2024, "ooc_known", "golven", "en")!,
    ).split("\r\n");
    expect(waves[0]).toBe("Answer,2022 (%),2024 (%)");
    expect(waves.map((l) => l.split(",")[0]).filter(Boolean)).toEqual([
      "Answer",
      "Yes",
      "No",
      "Answered (N)",
    ]);
  });
});

describe("data labels in English", () => {
  it("the report's figure tables: institution types and answers in English, Dutch as it was", () => {
    const figures = publishedFigures();
    const table1 = figureTable(figures.find((f) => f.id === "tabel-1")!, "en");
    expect(table1.columns.slice(0, 8)).toEqual([
      "Item",
      "Wave",
      "N",
      "Archive (%)",
      "Broadcaster (%)",
      "Museum (%)",
      "Other (%)",
      "Unknown (%)",
    ]);
    expect(figureTable(figures.find((f) => f.id === "tabel-1")!).columns[3]).toBe("Archief (%)");
    const table2 = figureTable(figures.find((f) => f.id === "tabel-2")!, "en");
    expect(table2.columns).toContain("Moderately promising (%)");
    expect(table2.columns).toContain("Don't know (count)");
    expect(figureTable(figures.find((f) => f.id === "tabel-2")!).columns).toContain("Matig kansrijk (%)");
  });

  it("the planner's default formats, notes and sources in English; a moderator's own wording stays Dutch", () => {
    const dvd = defaultAssumptionBySlug.get("dvd-r")!;
    expect(dvd.masterFormat).toBe("ISO-image (4,7 GB per schijf)");
    expect(assumptionText(dvd.masterFormat, "en")).toEqual({ text: "ISO image (4.7 GB per disc)" });
    expect(assumptionText(dvd.masterFormat, "nl")).toEqual({ text: "ISO-image (4,7 GB per schijf)" });
    expect(assumptionText("Eigen schijfkopie", "en")).toEqual({ text: "Eigen schijfkopie", lang: "nl" });
    // Every default format has an English name (the same where nothing in it is Dutch).
    for (const a of defaultAssumptions) {
      for (const stored of [a.masterFormat, a.accessFormat]) {
        const shown = assumptionText(stored, "en");
        expect(shown.lang, stored).toBeUndefined();
        expect(shown.text, stored).not.toMatch(/\d,\d| of | uit | per schijf/);
      }
      // And so has every default note and every line of the default sources.
      for (const stored of [a.note, ...a.sources.split("\n")].filter(Boolean)) {
        expect(assumptionText(stored, "en").lang, stored).toBeUndefined();
      }
    }
    expect(assumptionText(defaultAssumptionBySlug.get("laserdisc")!.note, "en").text).toBe(
      "An RF capture takes 50-150 GB per disc (tbc-tools).",
    );
  });
});
