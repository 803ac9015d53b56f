/** Milliseconds of synchronous work between two yields to the event loop while an index is built. */
const SLICE_MS = 4;

/** Tells a long synchronous loop when its time slice is spent, reading the clock only every `every` calls. */
export class StepClock {
  private started = performance.now();
  private calls = 0;

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** True once the current slice has run for its budget; the caller yields, then calls `restart`. */
  due(every = 64): boolean {
    if (++this.calls % every !== 0) return false;
    return performance.now() - this.started >= this.sliceMs;
  }

  /** Starts the next slice (after the caller has yielded). */
  restart(): void {
    this.started = performance.now();
    this.calls = 0;
  }
}
