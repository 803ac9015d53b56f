import { InvalidNamespaceError } from "@langchain/langgraph-checkpoint";
import { checkUserId } from "./run-user.js";

/** The memory metadata key holding the sub-namespace a store item was put in (labels after `[root, userId]`). */
export const STORE_NAMESPACE_KEY = "storeNamespace";

/** A namespace under `[root, userId]`: the user and the labels after it. */
export interface UserNamespace {
  userId: string;
  sub: string[];
}

/** Splits `[root, userId, ...sub]`; anything else (another root, no user) is an InvalidNamespaceError. */
export function parseNamespace(root: string, namespace: string[], what: string): UserNamespace {
  if (namespace.length < 2 || namespace[0] !== root) {
    throw new InvalidNamespaceError(
      `${what} needs the namespace ["${root}", userId] or one under it (["${root}", userId, ...]); got ${JSON.stringify(namespace)}.`,
    );
  }
  return { userId: checkUserId(namespace[1], "the namespace"), sub: namespace.slice(2) };
}

/** Whether a sub-namespace lies under (or is) a prefix. */
export const isUnder = (sub: string[], prefix: string[]): boolean =>
  sub.length >= prefix.length && prefix.every((label, i) => sub[i] === label);
