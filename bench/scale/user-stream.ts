import type { AddManyItem } from "../../src/memory/api/memory-api-types.js";
import type { RealConversation } from "./locomo-mix.js";
import { asItems, seededRandom, SyntheticMemories, type SyntheticFact } from "./synthetic-memories.js";

/** Every REAL_EVERY-th memory of a user with a real conversation is its next turn, while turns last. */
const REAL_EVERY = 10;

/** One user's memories as a deterministic stream (synthetic, with a real conversation's turns mixed in) and questions about them. */
export class UserStream {
  private readonly synthetic: SyntheticMemories;
  private readonly pickRandom: () => number;
  private readonly facts: SyntheticFact[] = [];
  private realUsed = 0;
  private taken = 0;

  constructor(
    seed: number,
    private readonly real?: RealConversation,
  ) {
    this.synthetic = new SyntheticMemories(seed);
    this.pickRandom = seededRandom(seed ^ 0x5eed);
  }

  /** Memories taken so far. */
  get size(): number {
    return this.taken;
  }

  /** Real turns among them. */
  get realTurns(): number {
    return this.realUsed;
  }

  /** The next n memories as addMany items. */
  take(n: number): AddManyItem[] {
    const items: AddManyItem[] = [];
    for (let i = 0; i < n; i++, this.taken++) {
      const realTurn = this.real && this.taken % REAL_EVERY === REAL_EVERY - 1 ? this.real.items[this.realUsed] : undefined;
      if (realTurn) {
        this.realUsed++;
        items.push(realTurn);
        continue;
      }
      const fact = this.synthetic.next();
      this.facts.push(fact);
      items.push(...asItems([fact], this.taken));
    }
    return items;
  }

  /** A fresh memory text not stored yet (for timing single adds). */
  freshText(): string {
    return this.synthetic.next().text;
  }

  /** n questions about memories taken so far: one in five is a real conversation question when its turns are mixed in. */
  questions(n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.pickRandom();
      if (this.real && this.realUsed > 0 && r < 0.2) {
        out.push(this.real.questions[Math.floor(this.pickRandom() * this.real.questions.length)]!);
        continue;
      }
      const fact = this.facts[Math.floor(this.pickRandom() * this.facts.length)];
      out.push(fact ? this.synthetic.question(fact) : "What happened last week?");
    }
    return out;
  }
}
