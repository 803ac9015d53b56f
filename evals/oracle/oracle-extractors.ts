import type { GoldEntity, GoldFact, Scenario, Turn } from "../dataset/schema.js";
import type { EntityExtractor, FactExtractor } from "../../src/memory/extraction/extractor-types.js";
import type { EntityUpdate, NewMemory } from "../../src/memory/types.js";

const key = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Gold annotations of one scenario, looked up by the text of the user turn being processed. */
export class OracleAnnotations {
  private turns = new Map<string, Turn>();
  private factText = new Map<string, string>();

  /** Switches to a scenario: only its turns are matched from now on. */
  use(scenario: Scenario): void {
    this.turns = new Map();
    this.factText = new Map();
    for (const session of scenario.sessions) {
      for (const turn of session.turns) {
        if (!this.turns.has(key(turn.user))) this.turns.set(key(turn.user), turn);
        for (const fact of turn.facts) this.factText.set(fact.id, fact.content);
      }
    }
  }

  /** The annotated turn whose user text equals the message, if any. */
  turnFor(userMessage: string): Turn | undefined {
    return this.turns.get(key(userMessage));
  }

  /** A gold fact as the memory store takes it, with the superseded fact's text as a hint. */
  toMemory(fact: GoldFact): NewMemory {
    const supersedes = fact.supersedes ? this.factText.get(fact.supersedes) : undefined;
    return {
      content: fact.content,
      type: fact.type,
      category: fact.category,
      importance: fact.importance,
      eventDate: fact.eventDate ?? null,
      ...(supersedes ? { supersedes } : {}),
    };
  }
}

/** A gold entity as the entity store takes it. */
export function toEntityUpdate(entity: GoldEntity): EntityUpdate {
  return {
    name: entity.name,
    kind: entity.kind,
    attributes: { ...entity.attributes },
    ...(entity.status ? { status: entity.status } : {}),
  };
}

/** Oracle fact extraction: the gold facts annotated on the matching user turn (none for unknown text). */
export function createOracleFactExtractor(oracle: OracleAnnotations): FactExtractor {
  return async ({ userMessage }) => (oracle.turnFor(userMessage)?.facts ?? []).map((f) => oracle.toMemory(f));
}

/** Oracle entity extraction: the gold entities annotated on the matching user turn (none for unknown text). */
export function createOracleEntityExtractor(oracle: OracleAnnotations): EntityExtractor {
  return async ({ userMessage }) => (oracle.turnFor(userMessage)?.entities ?? []).map(toEntityUpdate);
}
