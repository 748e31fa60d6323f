// Work that must not delay an answer (issue #24, finding 8): the reset mail for an existing
// address used to be written before answering, so the answer told by its time whether the
// address has an account. Such work runs after the answer has gone; a failure is logged.

import { describeError } from "./log.server.ts";

const pending = new Set<Promise<void>>();

/** Runs `task` after the current answer is sent (the next turn of the event loop). */
export function afterResponse(label: string, task: () => Promise<void>): void {
  const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(task)
    .catch((error) => console.error(`${label} mislukt: ${describeError(error)}`))
    .finally(() => pending.delete(run));
  pending.add(run);
}

/** Waits for all work started by afterResponse (at shutdown, and in tests). */
export async function settleAfterResponse(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
