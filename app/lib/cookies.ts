// Reading the Cookie request header. Values are compared as sent (our cookies need no decoding,
// and a malformed value must not throw).

/** Every value sent for the cookie `name`, in the order of the header. */
export function cookieValues(header: string | null | undefined, name: string): string[] {
  const values: string[] = [];
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) values.push(rest.join("="));
  }
  return values;
}

/** The first value sent for the cookie `name`, or undefined. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  return cookieValues(header, name)[0];
}

/** All cookies of a header by name; when a name is sent twice, the first value counts. */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name && !found.has(name)) found.set(name, rest.join("="));
  }
  return found;
}
