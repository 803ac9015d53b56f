import { contentHash } from "../content-hash.js";
import type { Reconciler } from "./reconciler-types.js";

/** Deterministic reconciler for runs without a model: SUPERSEDE the memory named by the candidate's `supersedes` hint, else ADD. */
export const fallbackReconciler: Reconciler = async ({ candidate, existing }) => {
  if (!candidate.supersedes) return { action: "ADD" };
  const hash = contentHash(candidate.supersedes);
  const target = existing.find((e) => contentHash(e.record.content) === hash);
  return target ? { action: "SUPERSEDE", targetId: target.record.id } : { action: "ADD" };
};
