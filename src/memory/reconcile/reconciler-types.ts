import type { MemoryAction, MemoryRecord, NewMemory } from "../types.js";

/** What to do with a newly extracted memory given what the user already has. */
export type ReconcileAction = MemoryAction;

/** One reconciliation decision; `targetId` names an existing memory for UPDATE, SUPERSEDE and DELETE (and optionally NONE). */
export interface ReconcileDecision {
  action: ReconcileAction;
  targetId?: string | null;
  /** The merged text for UPDATE; ignored otherwise. */
  content?: string | null;
}

/** A checked decision that carries the existing memory it acts on: none for ADD, optional for NONE, required otherwise. */
export type ResolvedDecision =
  | { action: "ADD" }
  | { action: "NONE"; target?: MemoryRecord }
  | { action: "UPDATE"; target: MemoryRecord; content?: string | null }
  | { action: "SUPERSEDE"; target: MemoryRecord }
  | { action: "DELETE"; target: MemoryRecord };

/** What a reconciler sees: the candidate and the user's most similar current memories, closest first. */
export interface ReconcileInput {
  userId: string;
  candidate: NewMemory;
  existing: { record: MemoryRecord; similarity: number }[];
  now: string;
}

/** Decides how a candidate memory relates to existing ones; may throw, which leaves memory unchanged. */
export type Reconciler = (input: ReconcileInput) => Promise<ReconcileDecision>;
