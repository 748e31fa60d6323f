import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { AssumptionCertainty, InventoryLine } from "../../app/modules/dragers/types.ts";
import { institution, user } from "./auth.ts";

/**
 * The planner's per-carrier assumptions (defaults from the fact sheet, Part 5), visible to
 * everyone and editable by moderators. One row per carrier slug.
 */
export const carrierAssumption = pgTable("carrier_assumption", {
  carrier: text("carrier").primaryKey(),
  /** Default average duration of one item, in minutes. */
  minutesPerItem: doublePrecision("minutes_per_item").notNull(),
  /** Digitisation hours per hour of content (real-time transfer plus preparation and QC). */
  transferFactor: doublePrecision("transfer_factor").notNull(),
  /** Storage for the preservation master, GB (10^9 bytes) per hour of content. */
  masterGbPerHour: doublePrecision("master_gb_per_hour").notNull(),
  masterFormat: text("master_format").notNull(),
  /** Storage for the access copy, GB per hour of content. */
  accessGbPerHour: doublePrecision("access_gb_per_hour").notNull(),
  accessFormat: text("access_format").notNull(),
  /** Degradation of the carrier, 1 (low) to 5 (very high). */
  degradationScore: integer("degradation_score").notNull(),
  /** Obsolescence of the playback equipment, 1 to 5. */
  obsolescenceScore: integer("obsolescence_score").notNull(),
  certainty: jsonb("certainty").$type<AssumptionCertainty>().notNull(),
  /** Where the figures come from, as plain text (one source a line). */
  sources: text("sources").notNull(),
  note: text("note").notNull().default(""),
  updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An institution's inventory for the digitisation planner (the plan is computed from it). */
export const carrierPlan = pgTable("carrier_plan", {
  id: serial("id").primaryKey(),
  institutionId: integer("institution_id")
    .notNull()
    .unique()
    .references(() => institution.id, { onDelete: "cascade" }),
  lines: jsonb("lines").$type<InventoryLine[]>().notNull(),
  updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A digitisation line an institution offers to others: which carriers it takes and on what
 * terms. Rows with source "survey" are pre-filled from the survey (has_digitisation_street,
 * street_suitability, street_shared) until the institution edits them.
 */
export const digitisationOffer = pgTable("digitisation_offer", {
  id: serial("id").primaryKey(),
  institutionId: integer("institution_id")
    .notNull()
    .unique()
    .references(() => institution.id, { onDelete: "cascade" }),
  /** Carrier slugs the line can take (empty: not yet stated). */
  carriers: text("carriers").array().notNull(),
  /** Survey label of street_shared: "Ja, kosteloos" / "Ja, tegen betaling" (or null). */
  shared: text("shared"),
  /** Survey label of street_suitability (or null). */
  suitability: text("suitability"),
  terms: text("terms").notNull().default(""),
  source: text("source", { enum: ["survey", "member"] }).notNull(),
  updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What an institution needs digitised, per carrier: added up across institutions for pooling. */
export const digitisationDemand = pgTable(
  "digitisation_demand",
  {
    id: serial("id").primaryKey(),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institution.id, { onDelete: "cascade" }),
    carrier: text("carrier").notNull(),
    count: integer("count").notNull(),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("digitisation_demand_key").on(t.institutionId, t.carrier),
    index("digitisation_demand_carrier_idx").on(t.carrier),
  ],
);
