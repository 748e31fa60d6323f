import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Env } from "./env.server.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transport: { url: string; send: nodemailer.Transporter } | undefined;

/**
 * Sends an e-mail over SMTP_URL. Without it the mail is written as a JSON file to MAIL_DIR
 * (./data/outbox) and logged, so development and tests can read it.
 */
export async function sendMail(
  env: Pick<Env, "SMTP_URL" | "MAIL_FROM" | "MAIL_DIR">,
  mail: Mail,
): Promise<void> {
  if (env.SMTP_URL) {
    if (transport?.url !== env.SMTP_URL)
      transport = { url: env.SMTP_URL, send: nodemailer.createTransport(env.SMTP_URL) };
    await transport.send.sendMail({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return;
  }
  mkdirSync(env.MAIL_DIR, { recursive: true });
  const safe = mail.to.replace(/[^a-z0-9@._-]/gi, "_");
  const file = path.join(
    env.MAIL_DIR,
    `${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${safe}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify({ from: env.MAIL_FROM, ...mail, at: new Date().toISOString() }, null, 2),
  );
  console.log(`E-mail aan ${mail.to} opgeslagen in ${file}`);
}
