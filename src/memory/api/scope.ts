import { InvalidInputError } from "../../config/errors.js";
import { FIELD_LIMITS } from "../field-limits.js";
import type { FilterNode } from "../filter-node.js";

/** mem0's scopes beside the user: the agent and the run a memory belongs to (a memory always belongs to its user). */
export interface ScopeOptions {
  agentId?: string;
  runId?: string;
}

const checkId = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !value.trim() || value.length > FIELD_LIMITS.sourceId)
    throw new InvalidInputError(`${name} must be a non-empty id of at most ${FIELD_LIMITS.sourceId} characters.`);
  return value;
};

/** The checked agentId and runId of a call (absent ones left out). */
export function checkScope(options: ScopeOptions): ScopeOptions {
  const agentId = checkId(options.agentId, "agentId");
  const runId = checkId(options.runId, "runId");
  return { ...(agentId ? { agentId } : {}), ...(runId ? { runId } : {}) };
}

/** A filter node restricting to the scope, ANDed with `where`; undefined when neither is given. */
export function scopedWhere(scope: ScopeOptions, where?: FilterNode): FilterNode | undefined {
  const all: FilterNode[] = [];
  if (scope.agentId) all.push({ field: "agentId", op: "$eq", value: scope.agentId });
  if (scope.runId) all.push({ field: "runId", op: "$eq", value: scope.runId });
  if (where) all.push(where);
  return all.length > 1 ? { and: all } : all[0];
}
