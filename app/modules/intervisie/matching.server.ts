// The moderators' matching flow: choose a pool, run the matcher (matching.ts), look at the
// proposal with its scores and reasons, move members between groups (scores update), confirm.
// Confirming creates the groups and notifies the members in the app and by e-mail.

import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { AppError, type ErrorKey, type ErrorMessage, type ErrorParams } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { institution, user } from "#db/schema/auth.ts";
import {
  intervisionGroup,
  intervisionMember,
  intervisionParticipant,
  intervisionSession,
  matchRun,
} from "#db/schema/intervisie.ts";
import { audit } from "../audit.server.ts";
import { confirmedInstitutionOfUser } from "../auth/institutions.server.ts";
import { type MailEnv, notify } from "../notifications/notifications.server.ts";
import { type TopicKey, topics } from "../taxonomy.ts";
import {
  bandLabel,
  bandRank,
  defaultWeights,
  digitisationBands,
  explainGrouping,
  fteBands,
  groupingProblems,
  MatchError,
  type MatchResult,
  match,
  type Participant,
  type Weights,
} from "./matching.ts";
import type { MatchReason } from "./reasons.ts";

/** "vrij": opted in and in no open group; "iedereen": everyone opted in; "groep-<id>": a group's members plus "vrij". */
export type Pool = "vrij" | "iedereen" | `groep-${number}`;

export function parsePool(value: string | null | undefined): Pool | null {
  if (value === "vrij" || value === "iedereen") return value;
  if (value && /^groep-[1-9][0-9]{0,9}$/.test(value)) return value as Pool;
  return null;
}

export interface PoolParticipant extends Participant {
  name: string;
  institutionName: string;
}

/** Active groups: not closed. */
const activeMembership = (db: DB) =>
  db
    .select({ userId: intervisionMember.userId, groupId: intervisionMember.groupId })
    .from(intervisionMember)
    .innerJoin(intervisionGroup, eq(intervisionGroup.id, intervisionMember.groupId))
    .where(isNull(intervisionGroup.closedAt));

/**
 * Everyone signed up (with a confirmed membership of an institution, not deleted), and who is in
 * an open group. A member whose request to join an institution waits is left out until then.
 */
async function signedUp(db: DB) {
  const rows = await db
    .select({
      id: intervisionParticipant.userId,
      name: user.name,
      institutionId: institution.id,
      institutionName: institution.name,
      type: institution.type,
      needs: intervisionParticipant.needs,
      offers: intervisionParticipant.offers,
      province: intervisionParticipant.province,
      inPerson: intervisionParticipant.inPerson,
      fte: intervisionParticipant.fte,
      digitisationDegree: intervisionParticipant.digitisationDegree,
    })
    .from(intervisionParticipant)
    .innerJoin(user, eq(user.id, intervisionParticipant.userId))
    .innerJoin(institution, confirmedInstitutionOfUser)
    .where(isNull(user.deletedAt))
    .orderBy(intervisionParticipant.consentAt, intervisionParticipant.userId);
  const memberships = await activeMembership(db);
  return { rows, memberships, grouped: new Set(memberships.map((m) => m.userId)) };
}

/** How many are in the pools "vrij" and "iedereen" (one read for both). */
export async function poolSizes(db: DB): Promise<{ vrij: number; iedereen: number }> {
  const { rows, grouped } = await signedUp(db);
  return { vrij: rows.filter((r) => !grouped.has(r.id)).length, iedereen: rows.length };
}

/** The matcher's participants for a pool: opted-in members with an institution, not deleted. */
export async function poolParticipants(db: DB, pool: Pool): Promise<PoolParticipant[]> {
  const { rows, memberships, grouped } = await signedUp(db);
  const groupId = pool.startsWith("groep-") ? Number(pool.slice(6)) : null;
  const inGroup = new Set(memberships.filter((m) => m.groupId === groupId).map((m) => m.userId));
  const known = new Set<string>(topics.map((t) => t.key));
  return rows
    .filter((r) => pool === "iedereen" || !grouped.has(r.id) || inGroup.has(r.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      institution: String(r.institutionId),
      institutionName: r.institutionName,
      type: r.type,
      needs: r.needs.filter((k) => known.has(k)) as TopicKey[],
      offers: r.offers.filter((k) => known.has(k)) as TopicKey[],
      province: r.province ?? "",
      inPerson: r.inPerson,
      fte: r.fte,
      digitisationDegree: r.digitisationDegree,
    }));
}

export interface RunOptions {
  pool: Pool;
  min: number;
  max: number;
  seed: number;
  weights: Weights;
}

/**
 * Runs the matcher and stores the proposal. A MatchError (names the constraint) is returned as
 * its message, for the route to say in the page's language, not thrown.
 */
export async function runMatching(
  db: DB,
  actorId: string,
  options: RunOptions,
): Promise<{ ok: true; runId: number } | { ok: false; error: ErrorMessage }> {
  const participants = await poolParticipants(db, options.pool);
  if (participants.length === 0) return { ok: false, error: { key: "error.proposal.emptyPool" } };
  let result: MatchResult;
  try {
    result = match(participants, {
      min: options.min,
      max: options.max,
      seed: options.seed,
      weights: options.weights,
      timeBudgetMs: 10_000,
    });
  } catch (error) {
    if (error instanceof MatchError) return { ok: false, error: { key: error.code, params: error.params } };
    throw error;
  }
  const [run] = await db
    .insert(matchRun)
    .values({
      pool: options.pool,
      options: { min: options.min, max: options.max, seed: options.seed, weights: options.weights },
      participants,
      proposal: { groups: result.groups.map((g) => g.members) },
      createdBy: actorId,
    })
    .returning({ id: matchRun.id });
  if (!run) throw new Error("match_run insert returned nothing");
  await audit(db, {
    actorId,
    action: "intervisie.matching.uitgevoerd",
    subject: `match_run:${run.id}`,
    details: { pool: options.pool, participants: participants.length, score: result.score },
  });
  return { ok: true, runId: run.id };
}

export interface ProposalView {
  id: number;
  pool: string;
  status: "draft" | "confirmed" | "discarded";
  version: number;
  createdAt: Date;
  options: { min: number; max: number; seed: number; weights: Weights };
  score: number;
  /** Rules the grouping breaks, as messages for the page's language. */
  problems: ErrorMessage[];
  groups: {
    score: number;
    sharedNeeds: TopicKey[];
    /** Smallest and largest AV staff band, and how many members did not give one. */
    size: BandSpread;
    /** Least and most digitised, and how many members did not give it. */
    maturity: BandSpread;
    members: { id: string; name: string; institutionName: string; type: string; reasons: MatchReason[] }[];
  }[];
}

export interface BandSpread {
  /** Lowest and highest band among the members who gave one (labels as read), null when none did. */
  from: string | null;
  to: string | null;
  /** Steps between them on the scale, and the scale's last step (fte 5, digitisation 4). */
  steps: number;
  scale: number;
  unknown: number;
}

/** The spread of a group in size or maturity, so a lopsided group shows at a glance. */
export function bandSpread(
  members: readonly Pick<Participant, "fte" | "digitisationDegree">[],
  field: "fte" | "digitisationDegree",
): BandSpread {
  const bands = field === "fte" ? fteBands : digitisationBands;
  const ranks = members.map((m) => bandRank(m[field], field)).filter((r) => r >= 0);
  const unknown = members.length - ranks.length;
  if (ranks.length === 0) return { from: null, to: null, steps: 0, scale: bands.length - 1, unknown };
  const lo = Math.min(...ranks);
  const hi = Math.max(...ranks);
  return {
    from: bandLabel(bands[lo] ?? ""),
    to: bandLabel(bands[hi] ?? ""),
    steps: hi - lo,
    scale: bands.length - 1,
    unknown,
  };
}

type StoredOptions = { min: number; max: number; seed: number; weights: Weights };

function storedOptions(raw: Record<string, unknown>): StoredOptions {
  return {
    min: Number(raw.min ?? 4),
    max: Number(raw.max ?? 7),
    seed: Number(raw.seed ?? 1),
    weights: { ...defaultWeights, ...((raw.weights as Partial<Weights>) ?? {}) },
  };
}

/** Topics needed by at least half of a group's members (at least two), most shared first. */
export function sharedNeeds(members: readonly Pick<Participant, "needs">[]): TopicKey[] {
  const counts = new Map<TopicKey, number>();
  for (const m of members) for (const need of m.needs) counts.set(need, (counts.get(need) ?? 0) + 1);
  const threshold = Math.max(2, Math.ceil(members.length / 2));
  return [...counts.entries()]
    .filter(([, n]) => n >= threshold)
    .sort((a, b) => b[1] - a[1] || topicOrder(a[0]) - topicOrder(b[0]))
    .map(([k]) => k);
}

const topicOrder = (key: TopicKey) => topics.findIndex((t) => t.key === key);

export async function getProposal(db: DB, runId: number): Promise<ProposalView | null> {
  const [run] = await db.select().from(matchRun).where(eq(matchRun.id, runId));
  if (!run) return null;
  const participants = run.participants as PoolParticipant[];
  const options = storedOptions(run.options);
  const groups = run.proposal.groups.filter((g) => g.length > 0);
  const explained = explainGrouping(participants, groups, { weights: options.weights });
  const byId = new Map(participants.map((p) => [p.id, p]));
  return {
    id: run.id,
    pool: run.pool,
    status: run.status,
    version: run.version,
    createdAt: run.createdAt,
    options,
    score: explained.score,
    problems: groupingProblems(participants, groups, options),
    groups: explained.groups.map((g) => ({
      score: g.score,
      sharedNeeds: sharedNeeds(g.members.map((id) => byId.get(id) as PoolParticipant)),
      size: bandSpread(
        g.members.map((id) => byId.get(id) as PoolParticipant),
        "fte",
      ),
      maturity: bandSpread(
        g.members.map((id) => byId.get(id) as PoolParticipant),
        "digitisationDegree",
      ),
      members: g.members.map((id) => {
        const p = byId.get(id) as PoolParticipant;
        return {
          id,
          name: p.name,
          institutionName: p.institutionName,
          type: p.type,
          reasons: g.reasons[id] ?? [],
        };
      }),
    })),
  };
}

export function listRuns(db: DB, limit = 20) {
  return db
    .select({
      id: matchRun.id,
      pool: matchRun.pool,
      status: matchRun.status,
      createdAt: matchRun.createdAt,
      createdBy: user.name,
    })
    .from(matchRun)
    .leftJoin(user, eq(user.id, matchRun.createdBy))
    .orderBy(desc(matchRun.createdAt), desc(matchRun.id))
    .limit(limit);
}

export class ProposalError extends AppError {
  declare readonly status: 404 | 409 | 400;
  constructor(key: ErrorKey, status: 404 | 409 | 400 = 409, params?: ErrorParams) {
    super(key, { status, params });
  }
}

/**
 * Moves a member to another group of the proposal (`to` is a group index, or "nieuw" for a new
 * group). `version` is the version the moderator saw: when someone else changed the proposal in
 * between, nothing changes and the moderator is told to look again.
 */
export async function moveMember(
  db: DB,
  actorId: string,
  runId: number,
  version: number,
  memberId: string,
  to: number | "nieuw",
): Promise<void> {
  await db.transaction(async (tx) => {
    const [run] = await tx.select().from(matchRun).where(eq(matchRun.id, runId)).for("update");
    if (!run) throw new ProposalError("error.proposal.notFound", 404);
    if (run.status !== "draft") throw new ProposalError("error.proposal.decided");
    if (run.version !== version) throw new ProposalError("error.proposal.changedMove");
    const groups = run.proposal.groups.map((g) => [...g]);
    const from = groups.findIndex((g) => g.includes(memberId));
    if (from === -1) throw new ProposalError("error.proposal.memberNotInProposal", 400);
    if (to !== "nieuw" && (to < 0 || to >= groups.length || !Number.isInteger(to)))
      throw new ProposalError("error.proposal.chooseGroup", 400);
    if (to === from) return;
    groups[from] = (groups[from] ?? []).filter((id) => id !== memberId);
    if (to === "nieuw") groups.push([memberId]);
    else groups[to]?.push(memberId);
    await tx
      .update(matchRun)
      .set({ proposal: { groups: groups.filter((g) => g.length > 0) }, version: run.version + 1 })
      .where(eq(matchRun.id, runId));
    await audit(tx, {
      actorId,
      action: "intervisie.voorstel.verplaatst",
      subject: `match_run:${runId}`,
      details: { member: memberId, from, to },
    });
  });
}

export async function discardProposal(
  db: DB,
  actorId: string,
  runId: number,
  version: number,
): Promise<void> {
  const updated = await db
    .update(matchRun)
    .set({ status: "discarded", version: version + 1 })
    .where(and(eq(matchRun.id, runId), eq(matchRun.version, version), eq(matchRun.status, "draft")))
    .returning({ id: matchRun.id });
  if (updated.length === 0) throw new ProposalError("error.proposal.changedDiscard");
  await audit(db, { actorId, action: "intervisie.voorstel.verworpen", subject: `match_run:${runId}` });
}

const typeLabel = (type: string) => type.toLowerCase();

/** "Archief · duurzame opslag" style names, numbered to stay distinguishable. */
function groupName(type: string, needs: readonly TopicKey[], number: number): string {
  const topic = topics.find((t) => t.key === needs[0]);
  return `Intervisiegroep ${number}: ${typeLabel(type)}${topic ? ` · ${topic.nl.toLowerCase()}` : ""}`;
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? "Onbekend";
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/**
 * Confirms a proposal: checks the constraints again and that every member is still opted in and
 * (for the pool "vrij") still in no other group; closes a group that is being re-matched;
 * creates the groups with their members and reasons, the member who can help most as
 * facilitator; notifies the members. All in one transaction: on any problem nothing is stored.
 */
export async function confirmProposal(
  db: DB,
  actorId: string,
  runId: number,
  version: number,
  mailEnv?: MailEnv,
): Promise<number[]> {
  const created: { id: number; name: string; members: string[] }[] = [];
  const closedGroup: { value: { name: string; members: string[] } | null } = { value: null };
  await db.transaction(async (tx) => {
    const [run] = await tx.select().from(matchRun).where(eq(matchRun.id, runId)).for("update");
    if (!run) throw new ProposalError("error.proposal.notFound", 404);
    if (run.status !== "draft") throw new ProposalError("error.proposal.decided");
    if (run.version !== version) throw new ProposalError("error.proposal.changedConfirm");
    const participants = run.participants as PoolParticipant[];
    const options = storedOptions(run.options);
    const groups = run.proposal.groups.filter((g) => g.length > 0);
    const problems = groupingProblems(participants, groups, options);
    if (problems.length > 0) throw new ProposalError("error.proposal.breaksRules", 400, { problems });

    const ids = participants.map((p) => p.id);
    // Locking the participants' rows (in one order) makes two confirmations of overlapping
    // proposals wait for each other, so nobody ends up in two groups.
    const still = await tx
      .select({ id: intervisionParticipant.userId })
      .from(intervisionParticipant)
      .where(inArray(intervisionParticipant.userId, ids))
      .orderBy(intervisionParticipant.userId)
      .for("update");
    const stillIds = new Set(still.map((r) => r.id));
    const gone = participants.filter((p) => !stillIds.has(p.id));
    if (gone.length > 0)
      throw new ProposalError("error.proposal.optedOut", 409, { names: gone.map((p) => p.name).join(", ") });
    const reGroupId = run.pool.startsWith("groep-") ? Number(run.pool.slice(6)) : null;
    if (run.pool !== "iedereen") {
      const busy = await tx
        .select({ userId: intervisionMember.userId, groupId: intervisionMember.groupId })
        .from(intervisionMember)
        .innerJoin(intervisionGroup, eq(intervisionGroup.id, intervisionMember.groupId))
        .where(and(inArray(intervisionMember.userId, ids), isNull(intervisionGroup.closedAt)));
      const taken = busy.filter((b) => b.groupId !== reGroupId);
      if (taken.length > 0) {
        const names = participants.filter((p) => taken.some((t) => t.userId === p.id)).map((p) => p.name);
        throw new ProposalError("error.proposal.alreadyPlaced", 409, { names: names.join(", ") });
      }
    }
    if (reGroupId !== null) {
      await tx
        .update(intervisionGroup)
        .set({ closedAt: new Date(), open: false })
        .where(eq(intervisionGroup.id, reGroupId));
      // The closed group's coming sessions are called off (their calendar entries say so).
      await tx
        .update(intervisionSession)
        .set({ cancelledAt: new Date(), sequence: sql`${intervisionSession.sequence} + 1` })
        .where(
          and(
            eq(intervisionSession.groupId, reGroupId),
            isNull(intervisionSession.cancelledAt),
            gt(intervisionSession.startsAt, new Date()),
          ),
        );
      const [old] = await tx
        .select({ name: intervisionGroup.name })
        .from(intervisionGroup)
        .where(eq(intervisionGroup.id, reGroupId));
      const oldMembers = await tx
        .select({ userId: intervisionMember.userId })
        .from(intervisionMember)
        .where(eq(intervisionMember.groupId, reGroupId));
      closedGroup.value = { name: old?.name ?? "je groep", members: oldMembers.map((m) => m.userId) };
      await tx.delete(intervisionMember).where(eq(intervisionMember.groupId, reGroupId));
    }

    const explained = explainGrouping(participants, groups, { weights: options.weights });
    const byId = new Map(participants.map((p) => [p.id, p]));
    for (const g of explained.groups) {
      const members = g.members.map((id) => byId.get(id) as PoolParticipant);
      const shared = sharedNeeds(members);
      const type = mostCommon(members.map((m) => m.type));
      const [inserted] = await tx
        .insert(intervisionGroup)
        .values({
          name: "",
          institutionType: type,
          topics: shared,
          open: members.length < options.max,
          maxSize: options.max,
          matchScore: g.score,
          matchRunId: run.id,
        })
        .returning({ id: intervisionGroup.id });
      if (!inserted) throw new Error("intervision_group insert returned nothing");
      const group = { id: inserted.id, name: groupName(type, shared, inserted.id) };
      await tx.update(intervisionGroup).set({ name: group.name }).where(eq(intervisionGroup.id, group.id));
      // The facilitator: the member who offers most of what the others need (ties: input order).
      const helps = (m: PoolParticipant) =>
        members.reduce(
          (sum, o) => sum + (o === m ? 0 : o.needs.filter((k) => m.offers.includes(k)).length),
          0,
        );
      const facilitator = members.reduce(
        (best, m) => (helps(m) > helps(best) ? m : best),
        members[0] as PoolParticipant,
      );
      await tx.insert(intervisionMember).values(
        members.map((m) => ({
          groupId: group.id,
          userId: m.id,
          role: m === facilitator ? ("facilitator" as const) : ("member" as const),
          reasons: g.reasons[m.id] ?? [],
        })),
      );
      created.push({ id: group.id, name: group.name, members: members.map((m) => m.id) });
    }
    await tx
      .update(matchRun)
      .set({ status: "confirmed", confirmedAt: new Date(), version: run.version + 1 })
      .where(eq(matchRun.id, runId));
    await audit(tx, {
      actorId,
      action: "intervisie.voorstel.bevestigd",
      subject: `match_run:${runId}`,
      details: { groups: created.map((c) => c.id), closedGroup: reGroupId },
    });
  });
  // Members of a re-matched group who are in none of the new groups (they opted out, or joined
  // after the run) are told too.
  const closed = closedGroup.value;
  const regrouped = new Set(created.flatMap((g) => g.members));
  const leftOut = closed ? closed.members.filter((id) => !regrouped.has(id)) : [];
  if (closed && leftOut.length > 0) {
    await notify(
      db,
      leftOut,
      (t) => ({
        title: t("notify.matching.closed.title", { group: closed.name }),
        body: t("notify.matching.closed.body", { group: closed.name }),
        link: "/intervisie",
      }),
      mailEnv,
    );
  }
  for (const group of created) {
    await notify(
      db,
      group.members,
      (t) => ({
        title: t("notify.matching.assigned.title", { group: group.name }),
        body: t("notify.matching.assigned.body", { group: group.name }),
        link: `/intervisie/groepen/${group.id}`,
      }),
      mailEnv,
    );
  }
  return created.map((c) => c.id);
}
