import type { Reporter, RunnerTask, RunnerTestFile } from "vitest";

/**
 * Prints one closing line "Tests: N passed, N failed[, N skipped]" that CI and people can read
 * without parsing Vitest's own summary.
 */
export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = []) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const visit = (task: RunnerTask) => {
      if (task.type === "suite") {
        for (const child of task.tasks) visit(child);
        if (task.result?.state === "fail" && task.tasks.length === 0) counts.failed++;
        return;
      }
      if (task.mode === "skip" || task.mode === "todo") counts.skipped++;
      else if (task.result?.state === "pass") counts.passed++;
      else if (task.result?.state === "fail") counts.failed++;
    };
    for (const file of files) {
      // A file that fails to load has no tests but must count as a failure.
      if (file.result?.state === "fail" && file.tasks.length === 0) counts.failed++;
      for (const task of file.tasks) visit(task);
    }
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : "";
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
