import { describe, expect, it } from "vitest";
import { evalIds } from "../../evals/runner/run-eval.js";

describe("eval memory ids", () => {
  it("count from the same start on every run, so ties with episode ids break alike", () => {
    const first = evalIds();
    const second = evalIds();
    const ids = [first(), first(), first()];
    expect(new Set(ids).size).toBe(3);
    expect([second(), second(), second()]).toEqual(ids);
  });
});
