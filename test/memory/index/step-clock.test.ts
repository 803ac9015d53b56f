import { describe, expect, it } from "vitest";
import { StepClock } from "../../../src/memory/index/step-clock.js";

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("StepClock", () => {
  it("reports a slice as due only once its budget is spent, and only on every n-th call", () => {
    const clock = new StepClock(50);
    expect(Array.from({ length: 128 }, () => clock.due())).not.toContain(true);
    spin(55);
    const calls = Array.from({ length: 64 }, () => clock.due());
    expect(calls.indexOf(true)).toBe(63);
    expect(clock.due(1)).toBe(true);
  });

  it("starts a fresh slice on restart, and a clock without a budget is never due", () => {
    const clock = new StepClock(50);
    spin(55);
    expect(clock.due(1)).toBe(true);
    clock.restart();
    expect(clock.due(1)).toBe(false);
    const endless = new StepClock(Infinity);
    spin(2);
    expect(endless.due(1)).toBe(false);
  });
});
