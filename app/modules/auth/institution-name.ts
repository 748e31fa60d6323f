/**
 * An institution name as it is stored and compared (issue #24, finding 16): Unicode NFKC (so a
 * no-break space, full-width letters and ligatures become their plain form), invisible format
 * characters (zero-width space and joiners, soft hyphen, byte-order mark) removed, every run of
 * whitespace one space, no space at either end. "Archief\u00a0Alpha" and "Archief  Alpha " are
 * then the same name as "Archief Alpha"; the database compares the result without case.
 */
export function normaliseInstitutionName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}
