// In-app notifications, optionally also by e-mail. Senders pass Dutch text (the platform's
// language for mail); the page /meldingen lists a member's notifications, newest first.

import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
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

/**
 * Stores one notification per user and, when `mailEnv` is given, sends each (not deleted) user
 * an e-mail with the same text and the full link. Mail failures are logged, never thrown: the
 * in-app notification is what counts.
 */
export async function notify(
  db: DB,
  userIds: readonly string[],
  message: NewNotification,
  mailEnv?: MailEnv,
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await db.insert(notification).values(
    ids.map((userId) => ({
      userId,
      title: message.title,
      body: message.body ?? "",
      link: message.link ?? null,
    })),
  );
  if (!mailEnv) return;
  const recipients = await db
    .select({ email: user.email, name: user.name })
    .from(user)
    .where(and(inArray(user.id, ids), isNull(user.deletedAt)));
  for (const recipient of recipients) {
    const link = message.link ? `\n\n${new URL(message.link, mailOrigin(mailEnv)).href}` : "";
    try {
      await sendMail(mailEnv, {
        to: recipient.email,
        subject: `AV-Kennisnet: ${message.title}`,
        text: `Beste ${recipient.name},\n\n${message.body ?? message.title}${link}\n\nGroet,\nAV-Kennisnet`,
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
