// The intervision-group matching engine (docs/domain.md §7, "Matching intervision groups").
// Pure: no web, no database, no
// clock-driven randomness. The same input, options and seed always give the same proposal.
//
// Objective: F = (1/n) Σ_p mean_{q ∈ g(p), q ≠ p} a(p,q) = (1/n) Σ_g 2·W_g/(s_g − 1), with
// W_g the sum of pair affinities in group g and s_g its size. A group's own score is the mean
// pair affinity 2·W_g/(s_g(s_g − 1)), so F = Σ_g (s_g/n) · groupScore_g.
//
// Search: a start that respects the constraints (greedy, or a round-robin deal by
// institution), a descent over single moves and pairwise swaps with O(1) deltas (a precomputed
// affinity matrix and per-group sums for every participant), then an iterated local search:
// small seeded kicks (a few moves/swaps, or dissolving/opening a group so the group count can
// change), descent on the touched groups, keep if not worse, else undo. It ends with full
// passes until no improving move or swap exists. Small pools (n ≤ 40) are searched from every
// feasible group count with several restarts. The work is counted in kicks, not wall time, so
// the output is reproducible; `timeBudgetMs` can cut the kicks short on a slow machine.

import { AppError, type ErrorKey, type ErrorMessage, type ErrorParams, errorText } from "#app/lib/errors.ts";
import { fteAvLabels, shareDigitisedLabels } from "#app/modules/survey/questionnaire.ts";
import { type TopicKey, topics } from "#app/modules/taxonomy.ts";
import type { MatchReason } from "./reasons.ts";

export { bandLabel } from "./reasons.ts";

/** AV staff bands (`fte_av` labels), smallest first. */
export const fteBands: readonly string[] = fteAvLabels;
/** Share digitised (`digitisation_degree` labels), least first; "Weet ik niet" is no band but unknown. */
export const digitisationBands: readonly string[] = shareDigitisedLabels.filter((l) => l !== "Weet ik niet");

export interface Participant {
  id: string;
  institution: string;
  /** Institution type, e.g. "Archief". */
  type: string;
  /** Topic keys from taxonomy.ts; unknown keys are refused with a MatchError. */
  needs: readonly TopicKey[];
  offers: readonly TopicKey[];
  province: string;
  /** Can meet in person. */
  inPerson: boolean;
  /** AV staff band, an `fte_av` label ("Geen" … "Meer dan 10 fte"); absent or null: unknown. */
  fte?: string | null;
  /** Share digitised, a `digitisation_degree` label ("0-10%" … "75-100%"); absent, null or "Weet ik niet": unknown. */
  digitisationDegree?: string | null;
}

export interface Weights {
  sameType: number;
  sharedNeeds: number;
  canHelp: number;
  sameProvinceInPerson: number;
  /** Comparable size: closeness of the AV staff bands. */
  similarSize: number;
  /** Comparable digital maturity: closeness of the share digitised. */
  similarMaturity: number;
}

export const defaultWeights: Readonly<Weights> = Object.freeze({
  sameType: 2.0,
  sharedNeeds: 1.0,
  canHelp: 0.5,
  sameProvinceInPerson: 0.5,
  similarSize: 0.5,
  similarMaturity: 0.5,
});

export interface MatchOptions {
  /** Smallest group size (default 4, at least 2). */
  min?: number;
  /** Largest group size (default 7). */
  max?: number;
  /** Seed of the pseudo-random choices (default 1). */
  seed?: number;
  weights?: Partial<Weights>;
  /**
   * Optional cap on the improvement phase in milliseconds. Without it the amount of work is
   * fixed, so a seed always gives the same result; with it a slow machine may stop earlier.
   */
  timeBudgetMs?: number;
}

export interface MatchGroup {
  /** Participant ids, in input order. */
  members: string[];
  /** Mean over the members of their mean affinity to the others. */
  score: number;
  /** Per member id, the reasons derived from the score terms (as data: reasonText says them). */
  reasons: Record<string, MatchReason[]>;
}

export interface MatchResult {
  /** Mean over all participants of their mean affinity to their group-mates. */
  score: number;
  groups: MatchGroup[];
}

export type MatchConstraint = "min" | "max" | "institution" | "input";

/** The constraints cannot hold, or the input is invalid: a message key for the moderator's language. */
export class MatchError extends AppError {
  readonly constraint: MatchConstraint;
  constructor(constraint: MatchConstraint, key: ErrorKey, params?: ErrorParams) {
    super(key, { params });
    this.constraint = constraint;
  }
}

// ---------------------------------------------------------------------------------------------
// Topics, labels and affinity

const topicCount = topics.length;
const topicBit = new Map<string, number>(topics.map((t, i) => [t.key, 1 << i]));
const popcount = new Uint8Array(1 << topicCount);
for (let m = 1; m < popcount.length; m++) popcount[m] = (popcount[m >> 1] ?? 0) + (m & 1);

function topicMask(keys: readonly string[], id: string, field: "needs" | "offers"): number {
  let mask = 0;
  for (const key of keys) {
    const bit = topicBit.get(key);
    if (bit === undefined) {
      throw new MatchError(
        "input",
        field === "needs" ? "error.match.unknownNeed" : "error.match.unknownOffer",
        { key, id, known: topics.map((t) => t.key).join(", ") },
      );
    }
    mask |= bit;
  }
  return mask;
}

/** The topic keys in a mask, in the taxonomy's order. */
function maskTopics(mask: number): TopicKey[] {
  const keys: TopicKey[] = [];
  for (let i = 0; i < topicCount; i++) if (mask & (1 << i)) keys.push(topics[i]!.key);
  return keys;
}

/** A participant reduced to what the affinity needs. */
interface Profile {
  type: string;
  needs: number;
  offers: number;
  /** Province when the participant meets in person, otherwise "" (never matches). */
  meetProvince: string;
  /** Rank in fteBands, −1 when unknown. */
  fteRank: number;
  /** Rank in digitisationBands, −1 when unknown. */
  degreeRank: number;
}

/** "1-5 fte" and "1–5 fte" are the same label; so are "25-50%" and "25–50 %". */
function normaliseBand(value: string): string {
  return value
    .trim()
    .replace(/\s*[–—]\s*/g, "-")
    .replace(/\s+%/g, "%");
}

/** The rank of a band label; −1 when absent, empty or "Weet ik niet". Unknown labels are refused. */
export function bandRank(
  value: string | null | undefined,
  field: "fte" | "digitisationDegree",
  id = "",
): number {
  if (value === undefined || value === null) return -1;
  const label = normaliseBand(value);
  if (label === "" || label.toLowerCase() === "weet ik niet") return -1;
  const bands = field === "fte" ? fteBands : digitisationBands;
  const rank = bands.indexOf(label);
  if (rank === -1) {
    throw new MatchError("input", id === "" ? "error.match.unknownBand" : "error.match.unknownBandOf", {
      value,
      id,
      field,
      bands: bands.join(", "),
    });
  }
  return rank;
}

function profileOf(p: Participant): Profile {
  return {
    type: p.type,
    needs: topicMask(p.needs, p.id, "needs"),
    offers: topicMask(p.offers, p.id, "offers"),
    meetProvince: p.inPerson ? p.province : "",
    fteRank: bandRank(p.fte, "fte", p.id),
    degreeRank: bandRank(p.digitisationDegree, "digitisationDegree", p.id),
  };
}

/** 1 for the same band, falling linearly to 0 for the two ends of the scale. */
function closeness(r: number, s: number, levels: number): number {
  return 1 - Math.abs(r - s) / (levels - 1);
}

function pairAffinity(p: Profile, q: Profile, w: Weights): number {
  let a = 0;
  if (p.type !== "" && p.type === q.type) a += w.sameType;
  const union = p.needs | q.needs;
  if (union !== 0) a += (w.sharedNeeds * (popcount[p.needs & q.needs] ?? 0)) / (popcount[union] ?? 1);
  a += (w.canHelp * ((popcount[p.needs & q.offers] ?? 0) + (popcount[q.needs & p.offers] ?? 0))) / topicCount;
  if (p.meetProvince !== "" && p.meetProvince === q.meetProvince) a += w.sameProvinceInPerson;
  // Unknown on either side adds nothing, so instances without bands score exactly as before.
  if (p.fteRank >= 0 && q.fteRank >= 0) a += w.similarSize * closeness(p.fteRank, q.fteRank, fteBands.length);
  if (p.degreeRank >= 0 && q.degreeRank >= 0)
    a += w.similarMaturity * closeness(p.degreeRank, q.degreeRank, digitisationBands.length);
  return a;
}

function resolveWeights(weights: Partial<Weights> | undefined): Weights {
  const w: Weights = { ...defaultWeights };
  for (const key of Object.keys(defaultWeights) as (keyof Weights)[]) {
    const value = weights?.[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new MatchError("input", "error.match.badWeight", { key, value: String(value) });
    }
    w[key] = value;
  }
  return w;
}

/**
 * The pair affinity of docs/domain.md §7:
 * a(p,q) = w.sameType·[type(p) = type(q)] + w.sharedNeeds·|N(p)∩N(q)|/|N(p)∪N(q)| (0 when both
 * are empty) + w.canHelp·(|N(p)∩S(q)| + |N(q)∩S(p)|)/9 + w.sameProvinceInPerson·[same province
 * and both meet in person] + w.similarSize·(1 − |rank fte(p) − rank fte(q)|/5) +
 * w.similarMaturity·(1 − |rank digitisation(p) − rank digitisation(q)|/4), each of the last two
 * 0 when either value is unknown. An empty type or province never counts as "the same".
 */
export function affinity(p: Participant, q: Participant, weights: Partial<Weights> = defaultWeights): number {
  return pairAffinity(profileOf(p), profileOf(q), resolveWeights(weights));
}

// ---------------------------------------------------------------------------------------------
// Validation and feasibility

function resolveSizes(options: MatchOptions): { min: number; max: number } {
  const min = options.min ?? 4;
  const max = options.max ?? 7;
  if (!Number.isInteger(min) || !Number.isInteger(max)) {
    throw new MatchError("input", "error.match.sizeNotInteger", { min, max });
  }
  if (min < 2) {
    throw new MatchError("input", "error.match.minTooSmall", { min });
  }
  if (min > max) {
    throw new MatchError("input", "error.match.minAboveMax", { min, max });
  }
  return { min, max };
}

function validateParticipants(participants: readonly Participant[]): void {
  if (!Array.isArray(participants)) {
    throw new MatchError("input", "error.match.notAList");
  }
  const seen = new Set<string>();
  participants.forEach((p, i) => {
    if (typeof p?.id !== "string" || p.id === "") {
      throw new MatchError("input", "error.match.noId", { n: i + 1 });
    }
    if (seen.has(p.id)) {
      throw new MatchError("input", "error.match.duplicateId", { id: p.id });
    }
    seen.add(p.id);
    if (typeof p.institution !== "string" || p.institution.trim() === "") {
      throw new MatchError("input", "error.match.noInstitution", { id: p.id });
    }
  });
}

/**
 * Checks untrusted data (a JSON file, a form) against the Participant shape. Topic keys are
 * checked later, by `match`. Throws a MatchError ("input") with a Dutch message.
 */
export function parseParticipants(data: unknown): Participant[] {
  if (!Array.isArray(data)) {
    throw new MatchError("input", "error.match.inputNotAList");
  }
  return data.map((value: unknown, i): Participant => {
    const n = i + 1;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new MatchError("input", "error.match.notAnObject", { n });
    }
    const record = value as Record<string, unknown>;
    const text = (field: string): string => {
      const v = record[field];
      if (typeof v !== "string") throw new MatchError("input", "error.match.notText", { n, field });
      return v;
    };
    const list = (field: string): TopicKey[] => {
      const v = record[field] ?? [];
      if (!Array.isArray(v) || v.some((t) => typeof t !== "string")) {
        throw new MatchError("input", "error.match.notTopics", { n, field });
      }
      return v as TopicKey[];
    };
    const inPerson = record.inPerson ?? false;
    if (typeof inPerson !== "boolean") {
      throw new MatchError("input", "error.match.notBoolean", { n });
    }
    const band = (field: "fte" | "digitisationDegree"): { [key: string]: string | null } => {
      const v = record[field];
      if (v === undefined) return {};
      if (v !== null && typeof v !== "string")
        throw new MatchError("input", "error.match.notTextOrNull", { n, field });
      bandRank(v, field, typeof record.id === "string" ? record.id : "");
      return { [field]: v };
    };
    return {
      ...band("fte"),
      ...band("digitisationDegree"),
      id: text("id"),
      institution: text("institution"),
      type: text("type"),
      needs: list("needs"),
      offers: list("offers"),
      province: typeof record.province === "string" ? record.province : "",
      inPerson,
    };
  });
}

/** Feasible group counts: max(⌈n/max⌉, largest institution) ≤ G ≤ ⌊n/min⌋ (facts §2.3). */
interface Feasibility {
  lo: number;
  hi: number;
}

function checkFeasible(
  n: number,
  min: number,
  max: number,
  largest: { name: string; count: number },
): Feasibility {
  if (n < min) {
    throw new MatchError("min", "error.match.tooFew", { count: n, min });
  }
  const lo = Math.ceil(n / max);
  const hi = Math.floor(n / min);
  if (lo > hi) {
    throw new MatchError("max", "error.match.doesNotFit", { n, min, max, lo, need: lo * min });
  }
  if (largest.count > hi) {
    throw new MatchError(
      "institution",
      hi === 1 ? "error.match.institutionTooBigOne" : "error.match.institutionTooBig",
      { name: largest.name, count: largest.count, hi, n, min },
    );
  }
  return { lo: Math.max(lo, largest.count), hi };
}

// ---------------------------------------------------------------------------------------------
// Seeded pseudo-random numbers (sfc32, seeded through splitmix32)

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let s = Math.trunc(seed) >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

function randomInt(rng: Random, bound: number): number {
  return Math.floor(rng() * bound);
}

function shuffle(values: Int32Array, rng: Random): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const t = values[i] ?? 0;
    values[i] = values[j] ?? 0;
    values[j] = t;
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Prepared instance: indices, institutions and the affinity matrix

interface Instance {
  n: number;
  participants: readonly Participant[];
  profiles: Profile[];
  weights: Weights;
  min: number;
  max: number;
  feasible: Feasibility;
  /** Institution index per participant. */
  inst: Int32Array;
  institutionCount: number;
  /** Per institution, its participants (indices). */
  institutionMembers: Int32Array[];
  /** Per participant, the other participants of the same institution. */
  colleagues: Int32Array[];
  /** Affinity matrix, row-major n×n, zero diagonal. */
  A: Float64Array;
}

function prepare(participants: readonly Participant[], options: MatchOptions): Instance {
  const { min, max } = resolveSizes(options);
  const weights = resolveWeights(options.weights);
  validateParticipants(participants);
  const n = participants.length;
  const profiles = participants.map(profileOf);

  const institutionIndex = new Map<string, number>();
  const inst = new Int32Array(n);
  const counts: number[] = [];
  const names: string[] = [];
  participants.forEach((p, i) => {
    const key = p.institution.trim();
    let index = institutionIndex.get(key);
    if (index === undefined) {
      index = names.length;
      institutionIndex.set(key, index);
      names.push(key);
      counts.push(0);
    }
    inst[i] = index;
    counts[index] = (counts[index] ?? 0) + 1;
  });
  const largest = { name: "", count: 0 };
  counts.forEach((count, index) => {
    if (count > largest.count) {
      largest.count = count;
      largest.name = names[index] ?? "";
    }
  });
  const feasible = checkFeasible(n, min, max, largest);

  const institutionMembers = counts.map((count) => new Int32Array(count));
  const fill = new Int32Array(counts.length);
  for (let i = 0; i < n; i++) {
    const k = inst[i] ?? 0;
    const list = institutionMembers[k];
    const at = fill[k] ?? 0;
    if (list) list[at] = i;
    fill[k] = at + 1;
  }

  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const pi = profiles[i] as Profile;
    for (let j = i + 1; j < n; j++) {
      const v = pairAffinity(pi, profiles[j] as Profile, weights);
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  return {
    n,
    participants,
    profiles,
    weights,
    min,
    max,
    feasible,
    inst,
    institutionCount: names.length,
    institutionMembers,
    colleagues: Array.from({ length: n }, (_, p) =>
      (institutionMembers[inst[p] ?? 0] ?? new Int32Array(0)).filter((q) => q !== p),
    ),
    A,
  };
}

/** Balanced target sizes for G groups: the first n mod G groups get one more. */
function targetSizes(n: number, G: number): Int32Array {
  const sizes = new Int32Array(G);
  const base = Math.floor(n / G);
  const extra = n % G;
  for (let g = 0; g < G; g++) sizes[g] = base + (g < extra ? 1 : 0);
  return sizes;
}

/**
 * Round-robin deal: participants grouped by institution (institutions in the given order of
 * people), dealt over G groups in turn. Colleagues land in consecutive, hence distinct, groups
 * because no institution has more than G members; sizes are ⌊n/G⌋ or ⌈n/G⌉.
 */
function roundRobin(inst: Instance, G: number, order: Int32Array): Int32Array {
  const firstSeen = new Int32Array(inst.institutionCount).fill(-1);
  order.forEach((p, rank) => {
    const k = inst.inst[p] ?? 0;
    if (firstSeen[k] === -1) firstSeen[k] = rank;
  });
  const rank = new Int32Array(inst.n);
  order.forEach((p, r) => {
    rank[p] = r;
  });
  const sorted = Array.from(order).sort((x, y) => {
    const kx = inst.inst[x] ?? 0;
    const ky = inst.inst[y] ?? 0;
    const sx = inst.institutionMembers[kx]?.length ?? 0;
    const sy = inst.institutionMembers[ky]?.length ?? 0;
    if (sx !== sy) return sy - sx;
    if (kx !== ky) return (firstSeen[kx] ?? 0) - (firstSeen[ky] ?? 0);
    return (rank[x] ?? 0) - (rank[y] ?? 0);
  });
  const groupOf = new Int32Array(inst.n);
  sorted.forEach((p, i) => {
    groupOf[p] = i % G;
  });
  return groupOf;
}

/**
 * Greedy: fill the groups one after another; each starts with the next person in `order`
 * (people of the largest institutions first) and takes the admissible unassigned person with
 * the highest summed affinity to its members until the target size. When the institution rule
 * blocks everyone left, one swap with an earlier group repairs it; if that fails too, null.
 */
function greedyAssign(inst: Instance, G: number, order: Int32Array): Int32Array | null {
  const { n, A } = inst;
  const sizes = targetSizes(n, G);
  const groupOf = new Int32Array(n).fill(-1);
  const sumTo = new Float64Array(n);
  const instMark = new Int32Array(inst.institutionCount).fill(-1);
  const members: number[][] = [];
  const seeds = Array.from(order).sort(
    (x, y) =>
      (inst.institutionMembers[inst.inst[y] ?? 0]?.length ?? 0) -
      (inst.institutionMembers[inst.inst[x] ?? 0]?.length ?? 0),
  );
  let seedPtr = 0;
  const add = (p: number, g: number) => {
    groupOf[p] = g;
    members[g]?.push(p);
    const row = p * n;
    for (let x = 0; x < n; x++) sumTo[x] = (sumTo[x] ?? 0) + (A[row + x] ?? 0);
  };
  for (let g = 0; g < G; g++) {
    members.push([]);
    sumTo.fill(0);
    while (seedPtr < n && (groupOf[seeds[seedPtr] ?? 0] ?? 0) !== -1) seedPtr++;
    const seed = seeds[seedPtr] ?? 0;
    add(seed, g);
    instMark[inst.inst[seed] ?? 0] = g;
    const target = sizes[g] ?? 0;
    for (let size = 1; size < target; size++) {
      let best = -1;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (const x of order) {
        if (groupOf[x] !== -1 || instMark[inst.inst[x] ?? 0] === g) continue;
        const v = sumTo[x] ?? 0;
        if (v > bestValue) {
          bestValue = v;
          best = x;
        }
      }
      if (best === -1) {
        best = repairGreedy(inst, g, members, groupOf);
        if (best === -1) return null;
      }
      add(best, g);
      instMark[inst.inst[best] ?? 0] = g;
    }
  }
  return groupOf;
}

/**
 * Every unassigned person has a colleague in group g. Find an unassigned x and a member y of an
 * earlier group h such that y fits g and x fits h without y; move y into g and x into h.
 * Returns y (not yet added to g), or -1.
 */
function repairGreedy(inst: Instance, g: number, members: number[][], groupOf: Int32Array): number {
  const inG = new Set((members[g] ?? []).map((m) => inst.inst[m]));
  for (let x = 0; x < inst.n; x++) {
    if (groupOf[x] !== -1) continue;
    for (let h = 0; h < g; h++) {
      const group = members[h] ?? [];
      for (let i = 0; i < group.length; i++) {
        const y = group[i] ?? 0;
        if (inG.has(inst.inst[y])) continue;
        const clash = group.some((m) => m !== y && inst.inst[m] === inst.inst[x]);
        if (clash) continue;
        group[i] = x;
        groupOf[x] = h;
        groupOf[y] = -1;
        return y;
      }
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Local search state with incremental deltas

const EPS = 1e-10;

/** Undo-log operation codes. */
const MOVE = 0;
const SWAP = 1;

/**
 * A grouping under search. Group slots 0..cap−1 (cap = the largest feasible group count); an
 * empty slot is an unused group. Besides members and sizes it keeps, per group g and person x,
 * ST[g·n + x] = Σ_{r ∈ g} a(r, x) (the "delta matrix" of Lai & Hao, stored by group so that a
 * group's column is contiguous), so every move and swap is scored in O(1) and applied in O(n).
 * Each group's W and its members' own-group sums are recomputed exactly from A (O(s²)).
 */
class Search {
  readonly n: number;
  readonly cap: number;
  readonly lo: number;
  readonly min: number;
  readonly max: number;
  readonly A: Float64Array;
  readonly inst: Int32Array;
  readonly colleagues: Int32Array[];
  /** 2/(s−1) per size s (0 for s ≤ 1): a group's term in n·F is W·twoOver[s]. */
  readonly twoOver: Float64Array;

  readonly groupOf: Int32Array;
  readonly mem: Int32Array;
  readonly size: Int32Array;
  readonly W: Float64Array;
  readonly own: Float64Array;
  readonly ST: Float64Array;
  /** Per group, the smallest own-group sum of its members. */
  readonly minOwn: Float64Array;
  /** Per participant, its largest affinity to anyone. */
  readonly rowMax: Float64Array;
  /** n·F: Σ over groups of W·twoOver[s]. */
  total = 0;
  active = 0;

  /** When set, every applied operation is logged so `undo` can restore the last accepted state. */
  logging = false;
  private readonly log: number[] = [];

  private readonly sp: Float64Array;
  private readonly blocked: Int32Array;
  private readonly instMark: Int32Array;
  private stamp = 0;
  private readonly queue: Int32Array;
  private readonly inQueue: Uint8Array;
  private qHead = 0;
  private qLen = 0;

  constructor(instance: Instance) {
    const { n, max } = instance;
    this.n = n;
    this.cap = instance.feasible.hi;
    this.lo = instance.feasible.lo;
    this.min = instance.min;
    this.max = max;
    this.A = instance.A;
    this.inst = instance.inst;
    this.colleagues = instance.colleagues;
    this.twoOver = new Float64Array(max + 2);
    for (let s = 2; s < this.twoOver.length; s++) this.twoOver[s] = 2 / (s - 1);
    this.groupOf = new Int32Array(n);
    this.mem = new Int32Array(this.cap * max);
    this.size = new Int32Array(this.cap);
    this.W = new Float64Array(this.cap);
    this.own = new Float64Array(n);
    this.ST = new Float64Array(this.cap * n);
    this.minOwn = new Float64Array(this.cap);
    this.rowMax = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      let most = 0;
      for (let x = 0; x < n; x++) most = Math.max(most, this.A[p * n + x] ?? 0);
      this.rowMax[p] = most;
    }
    this.sp = new Float64Array(this.cap);
    this.blocked = new Int32Array(this.cap);
    this.instMark = new Int32Array(instance.institutionCount);
    this.queue = new Int32Array(n);
    this.inQueue = new Uint8Array(n);
  }

  /** Loads an assignment (group slot per participant, slots < cap) and rebuilds all sums. */
  load(groupOf: Int32Array): void {
    const { n, A, ST, max } = this;
    this.groupOf.set(groupOf);
    this.size.fill(0);
    ST.fill(0);
    for (let p = 0; p < n; p++) {
      const g = groupOf[p] ?? 0;
      const s = this.size[g] ?? 0;
      this.mem[g * max + s] = p;
      this.size[g] = s + 1;
      const base = g * n;
      const row = p * n;
      for (let x = 0; x < n; x++) ST[base + x] = (ST[base + x] ?? 0) + (A[row + x] ?? 0);
    }
    this.total = 0;
    this.active = 0;
    for (let g = 0; g < this.cap; g++) {
      this.refresh(g);
      this.total += this.groupTerm(g);
      if ((this.size[g] ?? 0) > 0) this.active++;
    }
    this.log.length = 0;
  }

  snapshot(): Int32Array {
    return this.groupOf.slice();
  }

  groupTerm(g: number): number {
    return (this.W[g] ?? 0) * (this.twoOver[this.size[g] ?? 0] ?? 0);
  }

  /** W and the members' own-group sums of group g, exactly from A. */
  private refresh(g: number): void {
    const { A, n, mem, own } = this;
    const start = g * this.max;
    const s = this.size[g] ?? 0;
    let w = 0;
    for (let i = 0; i < s; i++) {
      const p = mem[start + i] ?? 0;
      const row = p * n;
      let sum = 0;
      for (let j = 0; j < s; j++) sum += A[row + (mem[start + j] ?? 0)] ?? 0;
      own[p] = sum;
      w += sum;
    }
    this.W[g] = w / 2;
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < s; i++) least = Math.min(least, own[mem[start + i] ?? 0] ?? 0);
    this.minOwn[g] = least;
  }

  /** Moves p to group h (any sizes: dissolving and opening groups pass through small ones). */
  move(p: number, h: number): void {
    const { n, A, ST, max } = this;
    const g = this.groupOf[p] ?? 0;
    if (this.logging) this.log.push(MOVE, p, g);
    const before = this.groupTerm(g) + this.groupTerm(h);
    const start = g * max;
    const sg = this.size[g] ?? 0;
    for (let i = 0; i < sg; i++) {
      if (this.mem[start + i] === p) {
        this.mem[start + i] = this.mem[start + sg - 1] ?? 0;
        break;
      }
    }
    this.size[g] = sg - 1;
    const sh = this.size[h] ?? 0;
    this.mem[h * max + sh] = p;
    this.size[h] = sh + 1;
    this.groupOf[p] = h;
    if (sg === 1) this.active--;
    if (sh === 0) this.active++;
    const row = p * n;
    const gb = g * n;
    const hb = h * n;
    for (let x = 0; x < n; x++) {
      const a = A[row + x] ?? 0;
      ST[gb + x] = (ST[gb + x] ?? 0) - a;
      ST[hb + x] = (ST[hb + x] ?? 0) + a;
    }
    this.refresh(g);
    this.refresh(h);
    this.total += this.groupTerm(g) + this.groupTerm(h) - before;
  }

  /** Exchanges p and q (in different groups). */
  swap(p: number, q: number): void {
    const { n, A, ST, max } = this;
    if (this.logging) this.log.push(SWAP, p, q);
    const g = this.groupOf[p] ?? 0;
    const h = this.groupOf[q] ?? 0;
    const before = this.groupTerm(g) + this.groupTerm(h);
    const gs = g * max;
    const hs = h * max;
    for (let i = 0; i < (this.size[g] ?? 0); i++) if (this.mem[gs + i] === p) this.mem[gs + i] = q;
    for (let i = 0; i < (this.size[h] ?? 0); i++) if (this.mem[hs + i] === q) this.mem[hs + i] = p;
    this.groupOf[p] = h;
    this.groupOf[q] = g;
    const pr = p * n;
    const qr = q * n;
    const gb = g * n;
    const hb = h * n;
    for (let x = 0; x < n; x++) {
      const d = (A[qr + x] ?? 0) - (A[pr + x] ?? 0);
      ST[gb + x] = (ST[gb + x] ?? 0) + d;
      ST[hb + x] = (ST[hb + x] ?? 0) - d;
    }
    this.refresh(g);
    this.refresh(h);
    this.total += this.groupTerm(g) + this.groupTerm(h) - before;
  }

  /** Forgets the log: the current state becomes the one `undo` returns to. */
  commit(): void {
    this.log.length = 0;
  }

  /** Reverts every operation since the last commit (or load). */
  undo(): void {
    const wasLogging = this.logging;
    this.logging = false;
    const log = this.log;
    while (log.length > 0) {
      const b = log.pop() ?? 0;
      const a = log.pop() ?? 0;
      const kind = log.pop() ?? 0;
      if (kind === MOVE) this.move(a, b);
      else this.swap(a, b);
    }
    this.logging = wasLogging;
  }

  /** Does group h hold a colleague of p (other than `except`)? */
  hasColleague(h: number, p: number, except = -1): boolean {
    const ip = this.inst[p];
    const start = h * this.max;
    const s = this.size[h] ?? 0;
    for (let i = 0; i < s; i++) {
      const m = this.mem[start + i] ?? 0;
      if (m !== p && m !== except && this.inst[m] === ip) return true;
    }
    return false;
  }

  /**
   * Scores every single move and every swap of p (sizes and the institution rule respected)
   * and applies the best when it improves the objective. Returns the other group, or -1.
   */
  improve(p: number): number {
    const { n, A, cap, groupOf, size, W, own, sp, ST, twoOver, max, min, inst, blocked } = this;
    const { mem, rowMax, minOwn } = this;
    const row = p * n;
    // S[p][h] for every group, read from p's row of A (a column of ST would be strided).
    for (let h = 0; h < cap; h++) {
      const hs = h * max;
      const sh = size[h] ?? 0;
      let sum = 0;
      for (let i = 0; i < sh; i++) sum += A[row + (mem[hs + i] ?? 0)] ?? 0;
      sp[h] = sum;
    }
    const g = groupOf[p] ?? 0;
    const sg = size[g] ?? 0;
    const Wg = W[g] ?? 0;
    const spg = own[p] ?? 0;
    const stamp = ++this.stamp;
    for (const c of this.colleagues[p] ?? []) blocked[groupOf[c] ?? 0] = stamp;

    let best = EPS;
    let bestMove = -1;
    let bestSwap = -1;
    if (sg > min) {
      const loss = (2 * (Wg - spg)) / (sg - 2) - Wg * (twoOver[sg] ?? 0);
      for (let h = 0; h < cap; h++) {
        const sh = size[h] ?? 0;
        if (h === g || sh === 0 || sh >= max || blocked[h] === stamp) continue;
        const Wh = W[h] ?? 0;
        const d = loss + (2 * (Wh + (sp[h] ?? 0))) / sh - Wh * (twoOver[sh] ?? 0);
        if (d > best) {
          best = d;
          bestMove = h;
        }
      }
    }
    // Swaps, group by group. For q in h the delta is
    //   (S[q][g] − S[p][g] − a(p,q))·2/(s_g−1) + (S[p][h] − S[q][h] − a(p,q))·2/(s_h−1),
    // and S[q][g] − a(p,q) ≤ Σ_{r ∈ g, r ≠ p} rowMax[r], a(p,q) ≥ 0, S[q][h] ≥ minOwn[h]:
    // a cheap bound that skips most groups.
    const gs = g * max;
    let reach = 0;
    for (let i = 0; i < sg; i++) {
      const r = mem[gs + i] ?? 0;
      if (r === p) continue;
      this.instMark[inst[r] ?? 0] = stamp;
      reach += rowMax[r] ?? 0;
    }
    const ip = inst[p];
    const ig = twoOver[sg] ?? 0;
    const firstBound = (reach - spg) * ig;
    const gb = g * n;
    for (let h = 0; h < cap; h++) {
      const sh = size[h] ?? 0;
      if (sh === 0 || h === g) continue;
      const ih = twoOver[sh] ?? 0;
      const sph = sp[h] ?? 0;
      if (firstBound + (sph - (minOwn[h] ?? 0)) * ih <= best) continue;
      const hBlocked = blocked[h] === stamp;
      const hs = h * max;
      for (let i = 0; i < sh; i++) {
        const q = mem[hs + i] ?? 0;
        const iq = inst[q] ?? 0;
        if (iq !== ip && (hBlocked || this.instMark[iq] === stamp)) continue;
        const apq = A[row + q] ?? 0;
        const d = ((ST[gb + q] ?? 0) - spg - apq) * ig + (sph - (own[q] ?? 0) - apq) * ih;
        if (d > best) {
          best = d;
          bestSwap = q;
        }
      }
    }
    if (bestSwap >= 0) {
      const h = groupOf[bestSwap] ?? 0;
      this.swap(p, bestSwap);
      return h;
    }
    if (bestMove >= 0) {
      this.move(p, bestMove);
      return bestMove;
    }
    return -1;
  }

  private push(p: number): void {
    if (this.inQueue[p]) return;
    this.inQueue[p] = 1;
    this.queue[(this.qHead + this.qLen) % this.n] = p;
    this.qLen++;
  }

  pushGroup(g: number): void {
    const start = g * this.max;
    const s = this.size[g] ?? 0;
    for (let i = 0; i < s; i++) this.push(this.mem[start + i] ?? 0);
  }

  /** Improves the queued participants, re-queueing the groups that change, until none is left. */
  descend(): number {
    let moves = 0;
    while (this.qLen > 0) {
      const p = this.queue[this.qHead] ?? 0;
      this.qHead = (this.qHead + 1) % this.n;
      this.qLen--;
      this.inQueue[p] = 0;
      const g = this.groupOf[p] ?? 0;
      const h = this.improve(p);
      if (h >= 0) {
        moves++;
        this.pushGroup(g);
        this.pushGroup(h);
      }
    }
    return moves;
  }

  /** Full passes until one finds no improving move or swap: a true local optimum. */
  polish(order: Int32Array): void {
    let moves: number;
    do {
      for (const p of order) this.push(p);
      moves = this.descend();
    } while (moves > 0);
  }

  /**
   * Dissolves group g: each member goes to the group with room and no colleague where it adds
   * the most. Returns the groups touched, or null when a member has nowhere to go.
   */
  dissolve(g: number): number[] | null {
    const { n, ST, W, size, twoOver, max, cap } = this;
    const start = g * max;
    const members = Array.from(this.mem.subarray(start, start + (size[g] ?? 0)));
    const touched: number[] = [];
    for (const m of members) {
      let best = -1;
      let bestGain = Number.NEGATIVE_INFINITY;
      for (let h = 0; h < cap; h++) {
        const sh = size[h] ?? 0;
        if (h === g || sh === 0 || sh >= max || this.hasColleague(h, m)) continue;
        const Wh = W[h] ?? 0;
        const gain = (2 * (Wh + (ST[h * n + m] ?? 0))) / sh - Wh * (twoOver[sh] ?? 0);
        if (gain > bestGain) {
          bestGain = gain;
          best = h;
        }
      }
      if (best < 0) return null;
      this.move(m, best);
      touched.push(best);
    }
    return touched;
  }

  /**
   * Opens a group around `seed` with the min−1 people (from groups that can spare one) who have
   * the highest affinity to it. Returns the groups touched, or null.
   */
  open(seed: number): number[] | null {
    const { n, ST, size, own, min, cap, groupOf, inst } = this;
    let e = -1;
    for (let h = 0; h < cap && e < 0; h++) if ((size[h] ?? 0) === 0) e = h;
    if (e < 0 || (size[groupOf[seed] ?? 0] ?? 0) <= min) return null;
    const touched = [e, groupOf[seed] ?? 0];
    this.move(seed, e);
    const stamp = ++this.stamp;
    this.instMark[inst[seed] ?? 0] = stamp;
    for (let k = 1; k < min; k++) {
      let best = -1;
      let bestGain = Number.NEGATIVE_INFINITY;
      for (let x = 0; x < n; x++) {
        const h = groupOf[x] ?? 0;
        const sh = size[h] ?? 0;
        if (h === e || sh <= min || this.instMark[inst[x] ?? 0] === stamp) continue;
        const gain = (ST[e * n + x] ?? 0) - ((own[x] ?? 0) * k) / (sh - 1);
        if (gain > bestGain) {
          bestGain = gain;
          best = x;
        }
      }
      if (best < 0) return null;
      touched.push(groupOf[best] ?? 0);
      this.move(best, e);
      this.instMark[inst[best] ?? 0] = stamp;
    }
    return touched;
  }
}

// ---------------------------------------------------------------------------------------------
// The matcher

/** The k best group-mate candidates per participant (colleagues excluded), for the kicks. */
function neighbourLists(instance: Instance, k: number): Int32Array[] {
  const { n, A, inst } = instance;
  const lists: Int32Array[] = [];
  const bestIdx = new Int32Array(k);
  const bestVal = new Float64Array(k);
  for (let p = 0; p < n; p++) {
    let count = 0;
    const row = p * n;
    for (let q = 0; q < n; q++) {
      if (q === p || inst[q] === inst[p]) continue;
      const v = A[row + q] ?? 0;
      if (count === k && v <= (bestVal[k - 1] ?? 0)) continue;
      let i = count < k ? count++ : k - 1;
      while (i > 0 && (bestVal[i - 1] ?? 0) < v) {
        bestVal[i] = bestVal[i - 1] ?? 0;
        bestIdx[i] = bestIdx[i - 1] ?? 0;
        i--;
      }
      bestVal[i] = v;
      bestIdx[i] = q;
    }
    lists.push(bestIdx.slice(0, count));
  }
  return lists;
}

/**
 * A kick: a few random moves or swaps, each between a participant's group and either the group
 * of one of its best-matching people or a random group. Returns the groups touched.
 */
function kick(search: Search, rng: Random, neighbours: Int32Array[], strength: number): number[] {
  const { n, cap, max, min, size, groupOf } = search;
  const touched: number[] = [];
  for (let t = 0; t < strength; t++) {
    const p = randomInt(rng, n);
    const g = groupOf[p] ?? 0;
    const list = neighbours[p];
    const h =
      list && list.length > 0 && rng() < 0.7
        ? (groupOf[list[randomInt(rng, list.length)] ?? 0] ?? 0)
        : randomInt(rng, cap);
    const sh = size[h] ?? 0;
    if (h === g || sh === 0) continue;
    if (rng() < 0.25 && (size[g] ?? 0) > min && sh < max && !search.hasColleague(h, p)) {
      search.move(p, h);
    } else {
      const offset = randomInt(rng, sh);
      for (let i = 0; i < sh; i++) {
        const q = search.mem[h * max + ((offset + i) % sh)] ?? 0;
        if (search.hasColleague(h, p, q) || search.hasColleague(g, q, p)) continue;
        search.swap(p, q);
        break;
      }
    }
    touched.push(g, h);
  }
  return touched;
}

interface Effort {
  /** Group counts to start from (one restart block each). */
  groupCounts: number[];
  restarts: number;
  kicks: number;
}

/**
 * How much search to do, counted in kicks so the result depends only on the seed. Small pools
 * start from every feasible group count with several restarts (cheap, and it makes hitting the
 * optimum reliable); large pools start once from the best greedy group count and let the
 * dissolve/open kicks adjust the count.
 */
function effort(instance: Instance): Effort {
  const { n } = instance;
  const { lo, hi } = instance.feasible;
  if (n <= 40) {
    return { groupCounts: Array.from({ length: hi - lo + 1 }, (_, i) => lo + i), restarts: 4, kicks: 150 };
  }
  // A kick costs O(n); this keeps n = 2,000 around two seconds on a 2-core machine.
  return { groupCounts: [], restarts: 1, kicks: Math.min(5000, Math.max(1000, Math.round(5e6 / n))) };
}

/** The best greedy start over a few group counts spread over the feasible range. */
function bestGreedyStart(instance: Instance, order: Int32Array, samples: number): Int32Array {
  const { lo, hi } = instance.feasible;
  const counts = new Set<number>();
  for (let i = 0; i < samples; i++) counts.add(Math.round(hi - ((hi - lo) * i) / Math.max(1, samples - 1)));
  let best: Int32Array | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const G of counts) {
    const groupOf = greedyAssign(instance, G, order) ?? roundRobin(instance, G, order);
    const score = quickScore(instance, groupOf, G);
    if (score > bestScore) {
      bestScore = score;
      best = groupOf;
    }
  }
  return best ?? roundRobin(instance, lo, order);
}

/** n·F of an assignment, straight from A. */
function quickScore(instance: Instance, groupOf: Int32Array, G: number): number {
  const groups = groupsFromAssignment(groupOf, G);
  const { A, n } = instance;
  let total = 0;
  for (const members of groups) {
    let w = 0;
    for (const p of members) for (const q of members) w += A[p * n + q] ?? 0;
    if (members.length > 1) total += w / (members.length - 1);
  }
  return total;
}

function iteratedLocalSearch(
  search: Search,
  rng: Random,
  neighbours: Int32Array[],
  kicks: number,
  deadline: number,
  strength = Math.max(2, Math.min(4, Math.round(search.n / 25))),
): void {
  const { n, min } = search;
  search.logging = true;
  search.commit();
  let accepted = search.total;
  for (let k = 0; k < kicks; k++) {
    if ((k & 15) === 0 && deadline < Number.POSITIVE_INFINITY && performance.now() > deadline) break;
    const r = rng();
    let touched: number[] | null;
    if (r < 0.05 && search.active > search.lo) {
      const p = randomInt(rng, n);
      touched = search.dissolve(search.groupOf[p] ?? 0);
    } else if (r < 0.1 && search.active < search.cap && n >= (search.active + 1) * min) {
      touched = search.open(randomInt(rng, n));
    } else {
      touched = kick(search, rng, neighbours, strength);
    }
    if (!touched) {
      search.undo();
      search.total = accepted;
      continue;
    }
    for (const g of touched) search.pushGroup(g);
    search.descend();
    if (search.total > accepted - EPS) {
      accepted = Math.max(accepted, search.total);
      search.commit();
    } else {
      search.undo();
      search.total = accepted;
    }
  }
  search.logging = false;
  search.commit();
}

interface Solution {
  groupOf: Int32Array;
  total: number;
}

function solve(instance: Instance, seed: number, deadline: number): Solution {
  const rng = seededRandom(seed);
  const { n } = instance;
  const plan = effort(instance);
  const neighbours = neighbourLists(instance, Math.min(12, n - 1));
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const search = new Search(instance);
  const starts: Int32Array[] = [];
  for (const G of plan.groupCounts) {
    for (let r = 0; r < plan.restarts; r++) {
      const order = r === 0 ? identity : shuffle(identity.slice(), rng);
      starts.push((r % 2 === 0 ? greedyAssign(instance, G, order) : null) ?? roundRobin(instance, G, order));
    }
  }
  if (starts.length === 0) starts.push(bestGreedyStart(instance, identity, 5));
  let best: Solution | null = null;
  for (const start of starts) {
    search.load(start);
    search.polish(shuffle(identity.slice(), rng));
    iteratedLocalSearch(search, rng, neighbours, plan.kicks, deadline);
    search.polish(shuffle(identity.slice(), rng));
    if (!best || search.total > best.total + EPS) best = { groupOf: search.snapshot(), total: search.total };
  }
  if (!best) throw new MatchError("input", "error.match.noParticipants");
  return best;
}

// ---------------------------------------------------------------------------------------------
// Scores and reasons

function groupsFromAssignment(groupOf: Int32Array, G: number): number[][] {
  const groups: number[][] = Array.from({ length: G }, () => []);
  groupOf.forEach((g, p) => {
    groups[g]?.push(p);
  });
  return groups.filter((g) => g.length > 0).sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0));
}

/** Mean over the members of their mean affinity to the others; 0 for a group of one. */
function groupScoreOf(members: readonly number[], aff: (p: number, q: number) => number): number {
  if (members.length < 2) return 0;
  let sum = 0;
  for (const p of members) {
    let own = 0;
    for (const q of members) if (q !== p) own += aff(p, q);
    sum += own / (members.length - 1);
  }
  return sum / members.length;
}

export interface GroupingScore {
  /** Mean over all participants of their mean affinity to their group-mates. */
  score: number;
  /** Per group (in the given order): mean over its members of their mean affinity to the others. */
  groupScores: number[];
}

/**
 * Scores any grouping (lists of participant ids) with the objective of docs/domain.md §7. A member
 * alone in a group scores 0. Ids must all be known; the constraints are not checked here
 * (see `checkGrouping`).
 */
export function scoreGrouping(
  participants: readonly Participant[],
  groups: readonly (readonly string[])[],
  weights: Partial<Weights> = defaultWeights,
): GroupingScore {
  const w = resolveWeights(weights);
  const index = new Map(participants.map((p, i) => [p.id, i]));
  const profiles = participants.map(profileOf);
  const aff = (p: number, q: number) => pairAffinity(profiles[p] as Profile, profiles[q] as Profile, w);
  let total = 0;
  let count = 0;
  const groupScores = groups.map((ids) => {
    const members = ids.map((id) => {
      const i = index.get(id);
      if (i === undefined) throw new MatchError("input", "error.match.unknownInGrouping", { id });
      return i;
    });
    const score = groupScoreOf(members, aff);
    total += score * members.length;
    count += members.length;
    return score;
  });
  return { score: count === 0 ? 0 : total / count, groupScores };
}

/**
 * The hard constraints for a grouping: every participant exactly once, sizes within
 * [min, max], no two colleagues together. Returns the problems as messages (said in the
 * reader's language); empty when valid.
 */
export function groupingProblems(
  participants: readonly Participant[],
  groups: readonly (readonly string[])[],
  options: Pick<MatchOptions, "min" | "max"> = {},
): ErrorMessage[] {
  const { min, max } = resolveSizes(options);
  const byId = new Map(participants.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const problems: ErrorMessage[] = [];
  groups.forEach((members, i) => {
    const group = i + 1;
    if (members.length < min || members.length > max) {
      problems.push({ key: "error.match.groupSize", params: { group, size: members.length, min, max } });
    }
    const institutions = new Set<string>();
    for (const id of members) {
      const p = byId.get(id);
      if (!p) {
        problems.push({ key: "error.match.groupUnknownMember", params: { group, id } });
        continue;
      }
      if (seen.has(id)) problems.push({ key: "error.match.inTwoGroups", params: { id } });
      seen.add(id);
      const institution = p.institution.trim();
      if (institutions.has(institution))
        problems.push({ key: "error.match.colleagues", params: { group, institution } });
      institutions.add(institution);
    }
  });
  for (const p of participants) {
    if (!seen.has(p.id)) problems.push({ key: "error.match.inNoGroup", params: { id: p.id } });
  }
  return problems;
}

/** groupingProblems in Dutch (the command line and its tests). */
export function checkGrouping(
  participants: readonly Participant[],
  groups: readonly (readonly string[])[],
  options: Pick<MatchOptions, "min" | "max"> = {},
): string[] {
  return groupingProblems(participants, groups, options).map((p) => errorText("nl", p));
}

/** Reasons for member p against its group-mates, one per non-zero score term (said later, per language). */
function reasonsFor(instance: Instance, p: number, mates: readonly number[]): MatchReason[] {
  const { participants, profiles, weights } = instance;
  const me = profiles[p] as Profile;
  const reasons: MatchReason[] = [];
  let sameType = 0;
  let sameProvince = 0;
  let sharedNeeds = 0;
  let theyOffer = 0;
  let theyNeed = 0;
  let similarSize = 0;
  let similarMaturity = 0;
  for (const q of mates) {
    const other = profiles[q] as Profile;
    if (me.fteRank >= 0 && other.fteRank >= 0 && Math.abs(me.fteRank - other.fteRank) <= 1) similarSize++;
    if (me.degreeRank >= 0 && other.degreeRank >= 0 && Math.abs(me.degreeRank - other.degreeRank) <= 1)
      similarMaturity++;
    if (me.type !== "" && me.type === other.type) sameType++;
    if (me.meetProvince !== "" && me.meetProvince === other.meetProvince) sameProvince++;
    sharedNeeds |= other.needs;
    theyOffer |= other.offers;
    theyNeed |= other.needs;
  }
  const of = mates.length;
  if (weights.sameType > 0 && sameType > 0) {
    reasons.push({ code: "sameType", type: me.type, count: sameType, of });
  }
  const shared = me.needs & sharedNeeds;
  if (weights.sharedNeeds > 0 && shared !== 0)
    reasons.push({ code: "sharedNeeds", topics: maskTopics(shared) });
  const helped = me.needs & theyOffer;
  if (weights.canHelp > 0 && helped !== 0) reasons.push({ code: "helpedWith", topics: maskTopics(helped) });
  const helps = me.offers & theyNeed;
  if (weights.canHelp > 0 && helps !== 0) reasons.push({ code: "canHelp", topics: maskTopics(helps) });
  if (weights.sameProvinceInPerson > 0 && sameProvince > 0) {
    reasons.push({
      code: "sameProvince",
      province: participants[p]?.province ?? "",
      count: sameProvince,
      of,
    });
  }
  if (weights.similarSize > 0 && similarSize > 0) {
    reasons.push({ code: "similarSize", band: fteBands[me.fteRank] ?? "", count: similarSize, of });
  }
  if (weights.similarMaturity > 0 && similarMaturity > 0) {
    reasons.push({
      code: "similarMaturity",
      band: digitisationBands[me.degreeRank] ?? "",
      count: similarMaturity,
      of,
    });
  }
  if (reasons.length === 0) reasons.push({ code: "nothingShared" });
  return reasons;
}

function buildResult(instance: Instance, groups: number[][]): MatchResult {
  const { A, n, participants } = instance;
  const aff = (p: number, q: number) => A[p * n + q] ?? 0;
  let total = 0;
  const out = groups.map((members) => {
    const score = groupScoreOf(members, aff);
    total += score * members.length;
    const reasons: Record<string, MatchReason[]> = {};
    for (const p of members) {
      reasons[participants[p]?.id ?? ""] = reasonsFor(
        instance,
        p,
        members.filter((q) => q !== p),
      );
    }
    return { members: members.map((p) => participants[p]?.id ?? ""), score, reasons };
  });
  return { score: n === 0 ? 0 : total / n, groups: out };
}

/**
 * Forms intervision groups: every participant in exactly one group, sizes within [min, max],
 * never two colleagues together, maximising the mean affinity to group-mates. Throws a
 * MatchError (Dutch message, `constraint` names the rule) when that is impossible.
 */
export function match(participants: readonly Participant[], options: MatchOptions = {}): MatchResult {
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new MatchError("input", "error.match.badSeed", { seed: String(seed) });
  const instance = prepare(participants, options);
  const deadline =
    options.timeBudgetMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.timeBudgetMs;
  const best = solve(instance, seed, deadline);
  return buildResult(instance, groupsFromAssignment(best.groupOf, instance.feasible.hi));
}

// ---------------------------------------------------------------------------------------------
// Baselines and a bound, for tests and benchmarks

function toIds(instance: Instance, groupOf: Int32Array, G: number): string[][] {
  return groupsFromAssignment(groupOf, G).map((g) => g.map((p) => instance.participants[p]?.id ?? ""));
}

/**
 * Greedy baseline: for the smallest, middle and largest feasible group count, fill groups one
 * by one with the most affine admissible person; the best of the three. Valid by construction.
 */
export function greedyGrouping(participants: readonly Participant[], options: MatchOptions = {}): string[][] {
  const instance = prepare(participants, options);
  const { lo, hi } = instance.feasible;
  const rng = seededRandom(options.seed ?? 1);
  const order = shuffle(
    Int32Array.from({ length: instance.n }, (_, i) => i),
    rng,
  );
  let best: { groupOf: Int32Array; G: number; total: number } | null = null;
  for (const G of new Set([lo, Math.round((lo + hi) / 2), hi])) {
    const groupOf = greedyAssign(instance, G, order) ?? roundRobin(instance, G, order);
    const total = quickScore(instance, groupOf, G);
    if (!best || total > best.total) best = { groupOf, G, total };
  }
  return best ? toIds(instance, best.groupOf, best.G) : [];
}

/** Random baseline: a random feasible group count, participants shuffled and dealt round-robin. */
export function randomGrouping(participants: readonly Participant[], options: MatchOptions = {}): string[][] {
  const instance = prepare(participants, options);
  const { lo, hi } = instance.feasible;
  const rng = seededRandom(options.seed ?? 1);
  const G = lo + randomInt(rng, hi - lo + 1);
  const order = shuffle(
    Int32Array.from({ length: instance.n }, (_, i) => i),
    rng,
  );
  return toIds(instance, roundRobin(instance, G, order), G);
}

/**
 * An upper bound on the best possible score (facts §2.5): each participant's mean affinity to
 * its group-mates is at most the mean of its min−1 best affinities to non-colleagues.
 */
export function upperBound(participants: readonly Participant[], options: MatchOptions = {}): number {
  const instance = prepare(participants, options);
  const { n, A, inst, min } = instance;
  const k = min - 1;
  let total = 0;
  for (let p = 0; p < n; p++) {
    const values: number[] = [];
    for (let q = 0; q < n; q++) if (q !== p && inst[q] !== inst[p]) values.push(A[p * n + q] ?? 0);
    values.sort((x, y) => y - x);
    let sum = 0;
    for (let i = 0; i < k; i++) sum += values[i] ?? 0;
    total += sum / k;
  }
  return n === 0 ? 0 : total / n;
}

/**
 * Scores and explains any grouping of the participants (for a proposal a moderator edited):
 * the same result shape as `match`, without searching. Unknown ids throw a MatchError; the
 * constraints are not checked here (see `checkGrouping`).
 */
export function explainGrouping(
  participants: readonly Participant[],
  groups: readonly (readonly string[])[],
  options: MatchOptions = {},
): MatchResult {
  const weights = resolveWeights(options.weights);
  validateParticipants(participants);
  const n = participants.length;
  const profiles = participants.map(profileOf);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = pairAffinity(profiles[i] as Profile, profiles[j] as Profile, weights);
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  // Only what buildResult and reasonsFor read; the search fields stay empty.
  const instance = { n, participants, profiles, weights, A } as Instance;
  const index = new Map(participants.map((p, i) => [p.id, i]));
  const numbered = groups.map((ids) =>
    ids.map((id) => {
      const i = index.get(id);
      if (i === undefined) throw new MatchError("input", "error.match.unknownInGrouping", { id });
      return i;
    }),
  );
  return buildResult(instance, numbered);
}
