// Shapes stored in the dragers tables' jsonb columns (no data access; imported by db/schema).

export const conditions = ["goed", "twijfelachtig", "slecht"] as const;
export type Condition = (typeof conditions)[number];

/** One line of an institution's inventory in the digitisation planner. */
export interface InventoryLine {
  /** Carrier slug (the kennisbank guide), e.g. "u-matic". */
  carrier: string;
  /** Number of items (cassettes, reels, discs). */
  count: number;
  /** Average duration per item in minutes; null = the carrier's default assumption. */
  minutes: number | null;
  condition: Condition;
}

/** How sure a figure is, as marked in the fact sheet: a source read, common knowledge, or uncertain. */
export const certainties = ["bron", "alg", "?"] as const;
export type Certainty = (typeof certainties)[number];

/** The certainty of each figure of a carrier assumption. */
export interface AssumptionCertainty {
  minutesPerItem: Certainty;
  transferFactor: Certainty;
  masterGbPerHour: Certainty;
  accessGbPerHour: Certainty;
  scores: Certainty;
}
