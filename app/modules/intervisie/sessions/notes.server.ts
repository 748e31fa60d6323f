// Notes of a session, for the group only, versioned so that concurrent edits lose nothing.

import { and, eq, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { intervisionSession } from "#db/schema/intervisie.ts";
import { audit } from "../../audit.server.ts";
import { getSession, noAccess, requireSessionAccess, SessionError, type Viewer } from "./core.server.ts";

export type NotesResult =
  | { ok: true; version: number }
  | {
      ok: false;
      /** The version saved meanwhile by someone else, and the text this user sent: nothing is lost. */
      conflict: { theirs: string; theirsVersion: number; mine: string };
    };

/**
 * Saves the group's notes when nobody saved in between (`baseVersion` is the version the
 * writer started from). On a conflict nothing is overwritten; both texts come back.
 */
export async function saveNotes(
  db: DB,
  viewer: Viewer,
  sessionId: number,
  input: { notes: string; baseVersion: number },
): Promise<NotesResult> {
  const { access } = await requireSessionAccess(db, sessionId, viewer);
  // Notes are the group's own: moderators who are not members may not read or write them.
  if (access.membership === null) throw noAccess();
  if (input.notes.length > 50_000) throw new SessionError("error.session.notesTooLong");
  const [saved] = await db
    .update(intervisionSession)
    .set({ notes: input.notes, notesVersion: sql`${intervisionSession.notesVersion} + 1` })
    .where(and(eq(intervisionSession.id, sessionId), eq(intervisionSession.notesVersion, input.baseVersion)))
    .returning({ version: intervisionSession.notesVersion });
  if (saved) {
    await audit(db, {
      actorId: viewer.id,
      action: "intervisie.sessie.notities",
      subject: `intervisie-sessie:${sessionId}`,
      details: { version: saved.version },
    });
    return { ok: true, version: saved.version };
  }
  const current = (await getSession(db, sessionId))!;
  return {
    ok: false,
    conflict: { theirs: current.notes, theirsVersion: current.notesVersion, mine: input.notes },
  };
}
