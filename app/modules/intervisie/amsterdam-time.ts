// Europe/Amsterdam wall-clock time ↔ UTC instants, with Intl only (no tz library). Forms ask
// for a local date and time; the database stores instants. Correct across daylight saving
// time: a time that does not exist (the hour skipped in March) gives null, a time that occurs
// twice (the hour repeated in October) gives the first, summer-time, instant.

import { Lru } from "#app/lib/lru.ts";

export const TIME_ZONE = "Europe/Amsterdam";

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Milliseconds Amsterdam is ahead of UTC at this instant (3 600 000 in winter, 7 200 000 in summer). */
export function amsterdamOffsetMs(instant: Date): number {
  const w = wallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant of a local Amsterdam date (YYYY-MM-DD) and time (HH:MM), or null when the input
 * is malformed, not a real calendar date, or a time skipped by the switch to summer time.
 */
export function amsterdamToUtc(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  // The offset is one of those in force half a day before or after; keep the candidates that
  // read back as the same wall-clock time, earliest first.
  const offsets = new Set([
    amsterdamOffsetMs(new Date(local - 12 * 3_600_000)),
    amsterdamOffsetMs(new Date(local + 12 * 3_600_000)),
  ]);
  const matches = [...offsets]
    .map((offset) => local - offset)
    .filter((instant) => {
      const w = wallClock(new Date(instant));
      return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === local;
    })
    .sort((a, b) => a - b);
  return matches.length > 0 ? new Date(matches[0]!) : null;
}

/** The Amsterdam wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant, for form fields. */
export function utcToAmsterdam(instant: Date): { date: string; time: string } {
  const w = wallClock(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** The two formatters of a language, made once: an Intl.DateTimeFormat is costly to create. */
const sessionFormatters = new Map<string, { day: Intl.DateTimeFormat; clock: Intl.DateTimeFormat }>();
function sessionFormattersFor(lang: string) {
  let formatters = sessionFormatters.get(lang);
  if (!formatters) {
    formatters = {
      day: new Intl.DateTimeFormat(lang, {
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: TIME_ZONE,
      }),
      clock: new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE }),
    };
    sessionFormatters.set(lang, formatters);
  }
  return formatters;
}

/**
 * Texts formatSessionTime made, by instant, language and duration: the same few sessions are
 * shown on every member page, and Intl's formatting was 1.5 % of a session page's CPU.
 */
const formatted = new Lru<string, string>(5000);

/** A session's date and time for people, in Amsterdam time, with the zone named. */
export function formatSessionTime(instant: Date | string, locale: string, durationMinutes?: number): string {
  const start = new Date(instant);
  const key = `${start.getTime()}|${locale}|${durationMinutes ?? ""}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = formatSessionTimeNow(start, locale, durationMinutes);
    formatted.set(key, text);
  }
  return text;
}

function formatSessionTimeNow(start: Date, locale: string, durationMinutes?: number): string {
  const { day: dayFormat, clock } = sessionFormattersFor(locale === "en" ? "en-GB" : "nl-NL");
  const day = dayFormat.format(start);
  const from = clock.format(start);
  const until = durationMinutes
    ? `–${clock.format(new Date(start.getTime() + durationMinutes * 60_000))}`
    : "";
  const zone = amsterdamOffsetMs(start) === 7_200_000 ? "CEST" : "CET";
  return `${day}, ${from}${until} (${zone}, Amsterdam)`;
}
