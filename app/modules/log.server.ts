/**
 * What the server logs about an error. A failed database query's message (Drizzle's "Failed
 * query: … params: …") carries the statement's parameters: password hashes, e-mail addresses,
 * notes. Logs keep the statement and the database's reason, never the parameters.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return redact(String(error));
  let text = redact(error.stack ?? `${error.name}: ${error.message}`);
  const cause = error.cause;
  if (cause instanceof Error && !text.includes(cause.message)) {
    text += `\nOorzaak: ${redact(`${cause.name}: ${cause.message}`)}`;
  }
  return text;
}

/**
 * Drops the parameter list of a failed query, whatever it contains: from "params:" up to the
 * stack trace (a parameter may itself contain line breaks), or to the end.
 */
export function redact(text: string): string {
  return text.replace(/^params: [\s\S]*?(?=\n\s+at |$(?![\s\S]))/m, "params: [weggelaten]");
}
