import { z } from "zod";

const hasControlChars = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** A user id: 1-256 characters, not blank, no control characters. */
export const UserIdSchema = z
  .string()
  .min(1, "userId must not be empty")
  .max(256, "userId must be at most 256 characters")
  .refine((s) => s.trim().length > 0, "userId must not be blank")
  .refine((s) => !hasControlChars(s), "userId must not contain control characters");
