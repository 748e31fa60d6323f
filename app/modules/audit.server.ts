import type { DB } from "#db/client.server.ts";
import { auditLog } from "#db/schema/auth.ts";

/** Appends to the audit log: who (null for the system), did what, to which subject. */
export async function audit(
  db: DB,
  entry: { actorId: string | null; action: string; subject: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject,
    details: entry.details ?? {},
  });
}
