// In-app notifications, optionally also by e-mail. Senders pass a function that writes the
// message in a language (through the message layer, app/i18n); each recipient gets it in their
// account's language, in the app and by mail. The page /meldingen lists a member's
// notifications, newest first.

import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { type Locale, localizedPath, type Translator, translate, translator } from "#app/i18n/index.ts";
import { mailOrigin } from "#app/lib/origin.ts";
import type { DB } from "#db/client.server.ts";
import { user } from "#db/schema/auth.ts";
import { notification } from "#db/schema/intervisie.ts";
import type { Env } from "../env.server.ts";
import { sendMail } from "../mail.server.ts";

export interface NewNotification {
  title: string;
  body?: string;
  /** A path inside the app, e.g. "/intervisie/groepen/3". */
  link?: string;
}

export type MailEnv = Pick<Env, "SMTP_URL" | "MAIL_FROM" | "MAIL_DIR" | "APP_ORIGIN" | "PORT">;

/** Translates a message key in the recipient's language (`translate` with the locale filled in). */
export type Translate = Translator;

/** Writes the notification in one language; called once per language among the recipients. */
export type LocalisedNotification = (t: Translate, locale: Locale) => NewNotification;

/**
 * Stores one notification per user, in the user's account language, and, when `mailEnv` is
 * given, sends each (not deleted) user an e-mail with the same text and the full link. Mail
 * failures are logged, never thrown: the in-app notification is what counts.
 */
export async function notify(
  db: DB,
  userIds: readonly string[],
  message: LocalisedNotification,
  mailEnv?: MailEnv,
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const accounts = await db
    .select({
      id: user.id,
      email: user.email,
      name: user.name,
      language: user.language,
      deletedAt: user.deletedAt,
    })
    .from(user)
    .where(inArray(user.id, ids));
  const languageOf = new Map(accounts.map((a) => [a.id, a.language]));
  const written = new Map<Locale, NewNotification>();
  const inLanguage = (locale: Locale): NewNotification => {
    let text = written.get(locale);
    if (!text) {
      text = message(translator(locale), locale);
      written.set(locale, text);
    }
    return text;
  };
  await db.insert(notification).values(
    ids.map((userId) => {
      const text = inLanguage(languageOf.get(userId) ?? "nl");
      return { userId, title: text.title, body: text.body ?? "", link: text.link ?? null };
    }),
  );
  if (!mailEnv) return;
  for (const recipient of accounts) {
    if (recipient.deletedAt) continue;
    const locale = recipient.language;
    const text = inLanguage(locale);
    const link = text.link
      ? `\n\n${new URL(localizedPath(locale, text.link), mailOrigin(mailEnv)).href}`
      : "";
    try {
      await sendMail(mailEnv, {
        to: recipient.email,
        subject: translate(locale, "mail.notification.subject", { title: text.title }),
        text: translate(locale, "mail.notification.text", {
          name: recipient.name,
          body: text.body ?? text.title,
          link,
        }),
      });
    } catch (error) {
      console.warn(`E-mail aan ${recipient.email} niet verzonden: ${(error as Error).message}`);
    }
  }
}

export interface NotificationItem {
  id: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export function listNotifications(db: DB, userId: string, limit = 50): Promise<NotificationItem[]> {
  return db
    .select({
      id: notification.id,
      title: notification.title,
      body: notification.body,
      link: notification.link,
      createdAt: notification.createdAt,
      readAt: notification.readAt,
    })
    .from(notification)
    .where(eq(notification.userId, userId))
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(limit);
}

export async function unreadCount(db: DB, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notification)
    .where(and(eq(notification.userId, userId), isNull(notification.readAt)));
  return row?.n ?? 0;
}

/** Marks all of a user's notifications read. */
export async function markAllRead(db: DB, userId: string): Promise<void> {
  await db
    .update(notification)
    .set({ readAt: new Date() })
    .where(and(eq(notification.userId, userId), isNull(notification.readAt)));
}
