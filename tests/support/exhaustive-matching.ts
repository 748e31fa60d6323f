// The exact optimum of the matching objective (docs/domain.md §7) by brute force, for small
// pools: shared by the unit test and `npm run bench:matching`.

import { affinity, type Participant } from "#app/modules/intervisie/matching.ts";

/**
 * The exact optimum by exhaustive search over set partitions with sizes in [min, max] and no
 * two colleagues together: the lowest unassigned person always opens the next group, its
 * mates are chosen in increasing index order, and a group closes only when the rest can still
 * be split into allowed sizes. Returns null when no valid partition exists.
 */
export function exhaustiveOptimum(
  people: Participant[],
  min: number,
  max: number,
): { score: number; partitions: number } | null {
  const n = people.length;
  const A = people.map((p) => people.map((q) => (p === q ? 0 : affinity(p, q))));
  const splittable = Array.from({ length: n + 1 }, (_, r) => {
    if (r === 0) return true;
    for (let k = 1; k * min <= r; k++) if (r <= k * max) return true;
    return false;
  });
  const free = new Array<boolean>(n).fill(true);
  let best = Number.NEGATIVE_INFINITY;
  let partitions = 0;
  const term = (group: number[]) => {
    let w = 0;
    for (const p of group) for (const q of group) w += A[p]?.[q] ?? 0;
    return w / (group.length - 1);
  };
  const nextGroup = (remaining: number, total: number): void => {
    if (remaining === 0) {
      partitions++;
      if (total > best) best = total;
      return;
    }
    const first = free.indexOf(true);
    free[first] = false;
    const group = [first];
    const extend = (from: number): void => {
      if (group.length >= min && splittable[remaining - group.length]) {
        nextGroup(remaining - group.length, total + term(group));
      }
      if (group.length === max) return;
      for (let j = from; j < n; j++) {
        if (!free[j]) continue;
        const institution = people[j]?.institution;
        if (group.some((m) => people[m]?.institution === institution)) continue;
        free[j] = false;
        group.push(j);
        extend(j + 1);
        group.pop();
        free[j] = true;
      }
    };
    extend(first + 1);
    free[first] = true;
  };
  nextGroup(n, 0);
  return partitions === 0 ? null : { score: best / n, partitions };
}
