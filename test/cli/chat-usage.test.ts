import { describe, expect, it } from "vitest";
import { CHAT_USAGE } from "../../src/cli/chat-args.js";
import { MCP_USAGE } from "../../src/cli/mcp-args.js";

describe("memoria --help", () => {
  it("names the mcp command next to the chat, so a user of the installed binary finds the MCP server", () => {
    expect(CHAT_USAGE).toContain("memoria mcp [--user <id>]");
    expect(MCP_USAGE).toContain("Usage: memoria mcp [--user <id>]");
  });
});
