import type { GoldFact, Probe, Scenario, Session, Turn } from "./schema.js";

/** A turn with the session it belongs to. */
export interface PlacedTurn {
  session: Session;
  turn: Turn;
}

/** Every turn of the scenario in order, with its session. */
export function allTurns(scenario: Scenario): PlacedTurn[] {
  return scenario.sessions.flatMap((session) => session.turns.map((turn) => ({ session, turn })));
}

/** Turns said before the probe is asked (earlier sessions, then this session up to `askAfter`). */
export function turnsBeforeProbe(scenario: Scenario, probe: Probe): PlacedTurn[] {
  const out: PlacedTurn[] = [];
  for (const session of scenario.sessions) {
    if (session.id === probe.sessionId) {
      if (probe.askAfter === "start") return out;
      for (const turn of session.turns) {
        out.push({ session, turn });
        if (turn.id === probe.askAfter) return out;
      }
      return out;
    }
    for (const turn of session.turns) out.push({ session, turn });
  }
  return out;
}

/** Probes asked at a point of a session: `"start"` or after the given turn id. */
export function probesAt(scenario: Scenario, sessionId: string, askAfter: string): Probe[] {
  return scenario.probes.filter((p) => p.sessionId === sessionId && p.askAfter === askAfter);
}

/** Gold facts of the given turns, in order. */
export function factsOf(turns: PlacedTurn[]): GoldFact[] {
  return turns.flatMap(({ turn }) => turn.facts);
}
