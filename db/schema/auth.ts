import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { type Role, roles } from "../../app/modules/auth/permissions.ts";

export { type Role, roles };

/** The languages an account can choose (the interface's locales, app/i18n). */
export const accountLanguages = ["nl", "en"] as const;

/** A heritage institution. Members may propose one; a moderator confirms it. */
export const institution = pgTable(
  "institution",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    type: text("type").notNull(),
    confirmed: boolean("confirmed").notNull().default(false),
    proposedBy: text("proposed_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("institution_name_key").on(sql`lower(${t.name})`)],
);

export const user = pgTable(
  "app_user",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    role: text("role", { enum: roles }).notNull().default("member"),
    institutionId: integer("institution_id").references(() => institution.id, { onDelete: "set null" }),
    /**
     * Since when the member asks to belong to an existing institution, until a colleague of that
     * institution or a moderator confirms (null: confirmed, or no institution). Until then the
     * institution's private data stays closed to them.
     */
    institutionRequestedAt: timestamp("institution_requested_at", { withTimezone: true }),
    /**
     * The language of everything the app writes to this member outside a page: e-mails and
     * calendar feeds. Set at registration (the page's language), changed on /account.
     */
    language: text("language", { enum: accountLanguages }).notNull().default("nl"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the member deleted their account: the row stays for attribution, without personal data. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("app_user_email_key").on(t.email)],
);

/** Lucia-guide sessions: the id is the SHA-256 (hex) of the token in the cookie. */
export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * When this session passed the second factor (a TOTP code or a recovery code). A member with
     * a second factor is not logged in by a session without it (ASVS 2.7/2.8, issue #24).
     */
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

/**
 * A member's TOTP key (RFC 6238: HMAC-SHA1, 6 digits, 30 seconds), as base32. Unconfirmed
 * (`confirmedAt` null) while the member is setting it up; it counts from the first right code.
 */
export const totpCredential = pgTable("totp_credential", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  /** The last time step whose code was accepted: a code works once (ASVS 2.8.4). */
  lastStep: bigint("last_step", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use recovery codes for a lost second factor, stored as SHA-256 (hex) only. */
export const recoveryCode = pgTable(
  "recovery_code",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recovery_code_user_idx").on(t.userId)],
);

/** Single-use password reset tokens, stored as SHA-256 (hex) only. */
export const passwordReset = pgTable("password_reset", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** Failed logins, per IP and per account, kept in the database so limits hold across servers. */
export const loginFailure = pgTable(
  "login_failure",
  {
    id: serial("id").primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failure_key_at_idx").on(t.key, t.at)],
);

/** Who did what, when. Every change by a member or moderator writes a row. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    actorId: text("actor_id").references(() => user.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subject: text("subject").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_subject_idx").on(t.subject), index("audit_log_actor_idx").on(t.actorId)],
);
