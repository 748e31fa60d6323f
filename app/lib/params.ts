// Route parameters that are database ids.

import { localeFromRequest } from "#app/i18n/index.ts";
import { pageResponse } from "./errors.ts";

/** The largest id a PostgreSQL `integer` column holds. */
const MAX_ID = 2_147_483_647;

/** A positive integer id written in digits (leading zeros allowed), else null. */
export function parseId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id >= 1 && id <= MAX_ID ? id : null;
}

/**
 * The id in the route parameter `name` (`$id` in the file name). Anything but a positive
 * integer that fits the database throws a 404 Response ("Niet gevonden", in the request's language),
 * as an unknown id would.
 */
export function idParam(
  request: Pick<Request, "url">,
  params: Readonly<Record<string, string | undefined>>,
  name: string,
): number {
  const id = parseId(params[name]);
  if (id === null) throw pageResponse(404, localeFromRequest(request));
  return id;
}
