import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The mails the file transport wrote to the directory (MAIL_DIR), in the order of their file names. */
export function mailsIn(dir: string): { to: string; subject: string; text: string }[] {
  return readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")));
}
