import { afterEach, beforeEach, expect, vi } from "vitest";

// Any console.error during a test is a bug we want to see: fail the test.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(errors, `console.error was called: ${JSON.stringify(errors).slice(0, 500)}`).toEqual([]);
});
