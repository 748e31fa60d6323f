import { format } from "node:util";
import { afterEach, beforeEach, vi } from "vitest";

// Any console.error during a test fails it: errors must be asserted, not logged.
// A test that expects one replaces this spy with its own.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error tijdens de test: ${format(...args)}`);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
