// Background jobs of an app server, started and stopped in one place: the Meilisearch outbox,
// session reminders the day before, and rating prompts after a session (each sent once, claimed
// in the database, so several app servers can run them side by side).
import type { DB } from "#db/client.server.ts";
import type { SearchService } from "#search/service.ts";
import { startOutboxWorker } from "#search/worker.ts";
import { sendDueReminders, sendRatingPrompts } from "./intervisie/sessions/reminders.server.ts";
import { describeError } from "./log.server.ts";
import type { MailEnv } from "./notifications/notifications.server.ts";

export const REMINDER_INTERVAL_MS = 10 * 60_000;

/** Starts every background job; the returned function stops them all. */
export function startJobs(db: DB, search: SearchService, mailEnv: MailEnv): () => void {
  const stopOutbox = startOutboxWorker(db, search);
  const reminders = setInterval(() => {
    sendDueReminders(db, mailEnv).catch((error: Error) =>
      console.error(`Herinneringen voor bijeenkomsten versturen mislukt: ${describeError(error)}`),
    );
    sendRatingPrompts(db, mailEnv).catch((error: Error) =>
      console.error(`Vragen om een beoordeling versturen mislukt: ${describeError(error)}`),
    );
  }, REMINDER_INTERVAL_MS);
  reminders.unref();
  return () => {
    stopOutbox();
    clearInterval(reminders);
  };
}
