import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { MatchReason } from "../../app/modules/intervisie/reasons.ts";
import { user } from "./auth.ts";

/**
 * A member who opted in to intervision: explicit consent to share their institution's profile
 * with their group, the topics they want to discuss (pre-filled from the institution's needs),
 * what they can help with, whether they can meet in person and their province. Opting out
 * deletes the row.
 */
export const intervisionParticipant = pgTable("intervision_participant", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
  needs: text("needs").array().notNull().default(sql`'{}'::text[]`),
  offers: text("offers").array().notNull().default(sql`'{}'::text[]`),
  inPerson: boolean("in_person").notNull().default(false),
  province: text("province"),
  /** AV staff band (an `fte_av` label); null: unknown. Pre-filled from the institution's answers. */
  fte: text("fte"),
  /** Share digitised (a `digitisation_degree` label); null: unknown. */
  digitisationDegree: text("digitisation_degree"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Input and outcome of one run of the matcher, kept so a proposal can be edited and confirmed later. */
export interface MatchRunProposal {
  /** Participant ids (user ids) per group. */
  groups: string[][];
}

/**
 * One matcher run by a moderator: the pool, the options, a snapshot of the participants and the
 * (edited) proposal. Confirming it creates the groups. `version` guards concurrent edits.
 */
export const matchRun = pgTable(
  "match_run",
  {
    id: serial("id").primaryKey(),
    pool: text("pool").notNull(),
    options: jsonb("options").$type<Record<string, unknown>>().notNull(),
    /** The matcher's participants at the time of the run. */
    participants: jsonb("participants").$type<unknown[]>().notNull(),
    proposal: jsonb("proposal").$type<MatchRunProposal>().notNull(),
    status: text("status", { enum: ["draft", "confirmed", "discarded"] })
      .notNull()
      .default("draft"),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [index("match_run_created_idx").on(t.createdAt)],
);

/** An intervision group. `open` groups can be found by members and asked to join. */
export const intervisionGroup = pgTable(
  "intervision_group",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    /** The most common institution type of the members, for browsing. */
    institutionType: text("institution_type").notNull(),
    /** Topics the members share, for browsing and for suggesting cases. */
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    open: boolean("open").notNull().default(true),
    maxSize: integer("max_size").notNull().default(7),
    /** Score of the group when it was matched (null for groups made by hand). */
    matchScore: jsonb("match_score").$type<number | null>(),
    matchRunId: integer("match_run_id").references(() => matchRun.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("intervision_group_open_idx").on(t.open)],
);

export const groupRoles = ["member", "facilitator"] as const;
export type GroupRole = (typeof groupRoles)[number];

/**
 * Membership of a group; at most one per user per group. The matcher's reasons are kept for the
 * member as data (code and values, app/modules/intervisie/reasons.ts), said in the reader's language.
 */
export const intervisionMember = pgTable(
  "intervision_member",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => intervisionGroup.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role", { enum: groupRoles }).notNull().default("member"),
    reasons: jsonb("reasons").$type<MatchReason[]>().notNull().default(sql`'[]'::jsonb`),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("intervision_member_user_idx").on(t.userId)],
);

/** A member's request to join an open group; the facilitator or a moderator decides. */
export const joinRequest = pgTable(
  "join_request",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => intervisionGroup.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    status: text("status", { enum: ["pending", "accepted", "declined", "withdrawn"] })
      .notNull()
      .default("pending"),
    decidedBy: text("decided_by").references(() => user.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("join_request_pending_key").on(t.groupId, t.userId).where(sql`${t.status} = 'pending'`),
  ],
);

/** Who holds which role in a session: role key (see methods.ts) → user id. */
export type SessionRoles = Record<string, string>;

/** A planned meeting of a group. Times are stored as instants; forms and pages use Europe/Amsterdam. */
export const intervisionSession = pgTable(
  "intervision_session",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => intervisionGroup.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    onlineUrl: text("online_url"),
    address: text("address"),
    /** Key of a method template (app/modules/intervisie/methods.ts). */
    method: text("method").notNull(),
    capacity: integer("capacity").notNull(),
    roles: jsonb("roles").$type<SessionRoles>().notNull().default({}),
    /** Notes: visible to the group only. `notesVersion` guards concurrent edits. */
    notes: text("notes").notNull().default(""),
    notesVersion: integer("notes_version").notNull().default(0),
    /** Incremented on each change, for the iCalendar SEQUENCE. */
    sequence: integer("sequence").notNull().default(0),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    /** When the members who went were asked to rate the session (after it ended). */
    ratingPromptSentAt: timestamp("rating_prompt_sent_at", { withTimezone: true }),
  },
  (t) => [
    index("intervision_session_group_idx").on(t.groupId, t.startsAt),
    index("intervision_session_reminder_idx").on(t.startsAt).where(sql`${t.reminderSentAt} is null`),
    check("intervision_session_capacity_check", sql`${t.capacity} > 0`),
  ],
);

export const rsvpAnswers = ["yes", "no", "maybe"] as const;
export type RsvpAnswer = (typeof rsvpAnswers)[number];

/**
 * A member's answer to a session. `yes` answers above capacity wait in `waitlist` status, in the
 * order of `queuedAt` then `queueSeq`, and move up to `going` when someone cancels.
 */
export const sessionRsvp = pgTable(
  "session_rsvp",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => intervisionSession.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    answer: text("answer", { enum: rsvpAnswers }).notNull(),
    status: text("status", { enum: ["going", "waitlist", "not_going", "maybe"] }).notNull(),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    queueSeq: serial("queue_seq"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.userId] }),
    index("session_rsvp_status_idx").on(t.sessionId, t.status),
  ],
);

/** A member's rating of a session they attended (1–5, optional comment). */
export const sessionRating = pgTable(
  "session_rating",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => intervisionSession.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.userId] }),
    check("session_rating_score_check", sql`${t.score} between 1 and 5`),
  ],
);

/** A member's private calendar feed: only the SHA-256 of the secret token is stored. Revoke = delete. */
export const calendarFeed = pgTable("calendar_feed", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** In-app notifications (also sent by e-mail where the sender says so). */
export const notification = pgTable(
  "notification",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** A path inside the app. */
    link: text("link"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notification_user_idx").on(t.userId, t.createdAt)],
);

/**
 * A practice case: what a case owner learned in a session, written up for the kennisbank
 * (docs/decisions/014-practice-cases.md). It leaves the group only when every member who was
 * present consented; then it becomes a draft article of kind `praktijk` (`articleSlug`).
 */
export const practiceCase = pgTable(
  "practice_case",
  {
    id: serial("id").primaryKey(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => intervisionSession.id, { onDelete: "cascade" }),
    ownerId: text("owner_id").references(() => user.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    question: text("question").notNull(),
    advice: text("advice").notNull(),
    action: text("action").notNull(),
    outcome: text("outcome").notNull(),
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    /** Slugs of carrier guides the case concerns. */
    carriers: text("carriers").array().notNull().default(sql`'{}'::text[]`),
    /** Keys of the source registry the owner cites; none: the case is cited as "te controleren". */
    sourceKeys: text("source_keys").array().notNull().default(sql`'{}'::text[]`),
    /** "anoniem", "type" (institution type only) or "namen" (named, each with consent). */
    attribution: text("attribution").notNull(),
    /** The kennisbank article once every consent was in; null while waiting. */
    articleSlug: text("article_slug"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("practice_case_session_key").on(t.sessionId)],
);

/** A present member's consent to a practice case; withdrawn consents stay, with `withdrawnAt`. */
export const practiceCaseConsent = pgTable(
  "practice_case_consent",
  {
    caseId: integer("case_id")
      .notNull()
      .references(() => practiceCase.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** With attribution "namen": this member's institution may be named. */
    nameInstitution: boolean("name_institution").notNull().default(false),
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] })],
);
