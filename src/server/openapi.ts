import { z } from "zod";
import { MemoryPatchSchema } from "../memory/field-limits.js";
import { DeleteUserBodySchema, ListQuerySchema, PreviewBodySchema, SearchBodySchema } from "./route-schemas.js";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
const body = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
const ok = (description: string) => ({
  description,
  content: { "application/json": { schema: { type: "object" } } },
});
const errors = {
  "400": { description: "Invalid input: { error } with the zod message" },
  "401": { description: "No or unknown bearer token (with auth off: no X-Memoria-User header)" },
  "403": { description: "X-Memoria-User names another user than the token's" },
};
const byId = { name: "id", in: "path", required: true, schema: { type: "string" } };
const notFound = { "404": { description: "No such memory of this user (another user's ids read as missing)" } };

const listParams = Object.entries((schema(ListQuerySchema) as { properties: Record<string, unknown> }).properties).map(([name, s]) => ({
  name,
  in: "query",
  required: false,
  schema: s,
}));

/** The OpenAPI 3.1 description of `/memoria/v1`, with request schemas generated from the routes' zod schemas. */
export function memoriaOpenApi(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "memoria memory API", version: "1", description: "Every route acts for the authenticated user only." },
    servers: [{ url: "/memoria/v1" }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths: {
      "/me": { get: { summary: "The user this request acts for", responses: { "200": ok("{ userId }"), ...errors } } },
      "/memories": {
        get: {
          summary: "A page of the user's memories, newest first",
          parameters: listParams,
          responses: { "200": ok("{ items, total, nextOffset }"), ...errors },
        },
      },
      "/memories/search": {
        post: {
          summary: "Search with scores and why each hit matched",
          requestBody: body(SearchBodySchema),
          responses: { "200": ok("{ results }"), ...errors },
        },
      },
      "/memories/{id}": {
        get: { summary: "One memory", parameters: [byId], responses: { "200": ok("the memory, with validity"), ...errors, ...notFound } },
        patch: {
          summary: "Edit a memory",
          parameters: [byId],
          requestBody: body(MemoryPatchSchema),
          responses: { "200": ok("the memory"), ...errors, ...notFound },
        },
        delete: {
          summary: "Forget a memory (its text is erased from history too)",
          parameters: [byId],
          responses: { "204": { description: "Deleted" }, ...errors, ...notFound },
        },
      },
      "/memories/{id}/history": {
        get: {
          summary: "The audit trail of a memory, oldest first",
          parameters: [byId],
          responses: { "200": ok("{ events }"), ...errors, ...notFound },
        },
      },
      "/entities": { get: { summary: "The user's entities", responses: { "200": ok("{ entities }"), ...errors } } },
      "/profile": { get: { summary: "The user's learned profile", responses: { "200": ok("{ profile }"), ...errors } } },
      "/prompt-preview": {
        post: {
          summary: "The system prompt tier A would build for a message (no model call)",
          requestBody: body(PreviewBodySchema),
          responses: { "200": ok("{ prompt, tokens, memories, entities, userProfile }"), ...errors },
        },
      },
      "/export": { get: { summary: "Everything of the user as versioned JSON", responses: { "200": ok("memoria-export"), ...errors } } },
      "/import": {
        post: {
          summary: "Import an export, all or nothing",
          requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
          responses: { "200": ok("import report"), ...errors },
        },
      },
      "/user": {
        delete: {
          summary: "Delete all of the user's data",
          requestBody: body(DeleteUserBodySchema),
          responses: { "200": ok("{ memories, entities, threads, queuedJobs }"), ...errors },
        },
      },
    },
  };
}
