// Shared test data: institutions, members, groups and article content, written straight to the
// test database (tests/support/db.ts). Every factory takes the database first, as
// userWithSession does, so a file that opens a new database per test can use them unchanged.
import { eq } from "drizzle-orm";
import type { ArticleContent } from "#app/modules/kennisbank/model.ts";
import type { DB } from "#db/client.server.ts";
import { institution, type Role, user } from "#db/schema/auth.ts";
import { intervisionGroup, intervisionMember, intervisionSession } from "#db/schema/intervisie.ts";
import { userWithSession } from "#tests/support/auth.ts";

/** The system as actor, for content the seed or an import writes. */
export const system = { id: null, role: "system" as const };

let n = 0;

/** An institution (confirmed unless told otherwise); returns its id. Names must be unique. */
export async function createInstitution(
  db: DB,
  name = `Instelling ${++n}`,
  type = "Archief",
  confirmed = true,
): Promise<number> {
  const [row] = await db
    .insert(institution)
    .values({ name, type, confirmed })
    .returning({ id: institution.id });
  return row!.id;
}

/** A user with a live session who already belongs to the institution (or to none: null). */
export async function memberOf<Id extends number | null>(
  db: DB,
  institutionId: Id,
  role: "member" | "moderator" = "member",
  name?: string,
) {
  const member = await userWithSession(db, role, name);
  await db.update(user).set({ institutionId }).where(eq(user.id, member.id));
  return { ...member, institutionId };
}

/** A member of a new institution of that name. */
export async function memberOfNew(db: DB, name: string, confirmed = true) {
  return memberOf(db, await createInstitution(db, name, "Archief", confirmed));
}

/** A user with a live session, and their role (as the module functions want it). */
export async function person(db: DB, role: Role = "member", name?: string) {
  return { ...(await userWithSession(db, role, name)), role };
}
export type Person = Awaited<ReturnType<typeof person>>;

/** An intervision group made by hand (not matched); returns its id. */
export async function createGroup(
  db: DB,
  values: Partial<Omit<typeof intervisionGroup.$inferInsert, "id">> = {},
): Promise<number> {
  const [row] = await db
    .insert(intervisionGroup)
    .values({ name: "Kleine AV-archieven Noord", institutionType: "archief", ...values })
    .returning({ id: intervisionGroup.id });
  return row!.id;
}

/** Adds the users to the group, all in the one role. */
export async function joinGroup(
  db: DB,
  groupId: number,
  members: { id: string } | { id: string }[],
  role: "member" | "facilitator" = "member",
) {
  const list = Array.isArray(members) ? members : [members];
  if (list.length === 0) return;
  await db.insert(intervisionMember).values(list.map((m) => ({ groupId, userId: m.id, role })));
}

/**
 * A session of the group, a week from now, 90 minutes, the five-step method, room for 8; the
 * values override single fields. Returns its id.
 */
export async function createIntervisionSession(
  db: DB,
  groupId: number,
  values: Partial<Omit<typeof intervisionSession.$inferInsert, "id" | "groupId">> = {},
): Promise<number> {
  const [row] = await db
    .insert(intervisionSession)
    .values({
      groupId,
      title: "Bijeenkomst over opslag",
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      durationMinutes: 90,
      method: "vijfstappen",
      capacity: 8,
      ...values,
    })
    .returning({ id: intervisionSession.id });
  return row!.id;
}

/** A short, valid kennisbank article; overrides change single fields. */
export function articleContent(overrides: Partial<ArticleContent> = {}): ArticleContent {
  return {
    slug: "proefartikel",
    locale: "nl",
    kind: "praktijk",
    title: "Proefartikel over opslag",
    summary: "Een korte samenvatting.",
    body: "## Klimaat\n\nBewaar banden koel en droog.",
    topics: ["storage"],
    institutionTypes: ["Archief"],
    needsReview: false,
    uncertain: [],
    sources: [{ title: "IASA TC-05" }],
    related: [],
    ...overrides,
  };
}
