import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { freePort } from "../../src/memory/records/chroma/free-port.js";
import { tempDir } from "../helpers/stores.js";
import { runScript, spawnChat } from "./spawn-chat.js";

const FIXTURE = "test/cli/fixtures/scripted-chat.ts";
const CHAT = "src/cli/chat.ts";
const STACK = /\n\s+at .+:\d+:\d+/;

const sharedEnv = (extraction = "inline") => ({
  MEMORIA_EXTRACTION: extraction,
  CHROMA_URL: inject("chromaUrl"),
  MEMORIA_DATA_DIR: tempDir("memoria-cli-"),
  MEMORIA_COLLECTION_PREFIX: `cli${randomUUID().replace(/-/g, "").slice(0, 10)}`,
});
const threadOf = (text: string) => /thread (cli-[0-9a-f-]+)/.exec(text)?.[1];

describe("memoria chat REPL (child process, scripted model, real Chroma)", () => {
  it("streams replies, remembers across sessions, and manages memories with slash commands", async () => {
    const env = sharedEnv();
    const exportFile = join(env.MEMORIA_DATA_DIR, "alice.json");

    const first = spawnChat(FIXTURE, ["--user", "alice"], env);
    await first.waitFor("you> ");
    first.send("I'm vegetarian, and my sister Maya is a nurse.");
    await first.waitFor("you> ", 2);
    expect(first.text()).toContain("memoria> Noted: I'm vegetarian, and my sister Maya is a \n");
    for (const cmd of ["/memories", "/entities", `/export ${exportFile}`, "/exit"]) first.send(cmd);
    expect(await first.exited).toBe(0);
    const s1 = first.text();
    expect(s1).toMatch(/\[[0-9a-f]{8}\] User is vegetarian and avoids fish {2}\(preference, food, importance 0\.9\)/);
    expect(s1).toContain("Maya (person): relation: sister; job: nurse");
    expect(s1).toMatch(/Exported 2 memories, 1 entities and \d+ history events/);
    expect(s1).toContain("Bye.");
    const exported = JSON.parse(readFileSync(exportFile, "utf8"));
    expect(exported).toMatchObject({ format: "memoria-export", userId: "alice" });
    const memoryId: string = exported.memories.find((m: { kind?: string }) => m.kind !== "episode").id;

    const second = await runScript(FIXTURE, ["--user", "alice"], env, [
      "Any vegetarian dinner idea for Maya?",
      "/why",
      `/forget ${memoryId.slice(0, 8)}`,
      "/forget entity maya",
      "/forget entity Zed",
      "/entities",
      "/memories",
      `/import ${exportFile}`,
      "/memories vegetarian",
    ]);
    expect(second.code).toBe(0);
    expect(threadOf(second.text)).not.toBe(threadOf(s1));
    const why = second.text.split("/why")[1]!;
    expect(why).toMatch(/memory \d\.\d\d {2}User is vegetarian and avoids fish/);
    expect(why).toContain("entity  Maya (person): relation: sister; job: nurse");
    expect(second.text).toMatch(/Forgot \[[0-9a-f]{8}\] User is vegetarian/);
    expect(second.text).toContain("Forgot entity Maya (person)");
    expect(second.text).toContain('No entity matches "Zed".');
    expect(second.text.split("/entities")[1]).toContain("No entities yet");
    expect(second.text).toContain("No long-term memories yet");
    expect(second.text).toMatch(/Imported 2 memories, 1 entities and \d+ history events/);
    expect(second.text.split("/memories vegetarian")[1]).toMatch(/\d\.\d\d {2}\[[0-9a-f]{8}\] User is vegetarian/);

    const bob = await runScript(FIXTURE, ["--user", "bob"], env, ["/memories", "/entities", "/profile"]);
    expect(bob.text).toContain("No long-term memories yet");
    expect(bob.text).toContain("No entities yet");
    expect(bob.text).not.toContain("vegetarian");

    const resumed = await runScript(FIXTURE, ["--user", "alice", "--resume", "--tier", "c"], env, [
      "/tier",
      "/new",
      "/tier B",
      "/bogus",
      "/tier Q",
    ]);
    expect(resumed.text).toContain(`thread ${threadOf(second.text)} (resumed)`);
    expect(resumed.text).toContain("Tier C: thread history");
    expect(resumed.text).toMatch(/New thread cli-/);
    expect(resumed.text).toContain("Unknown command /bogus. Type /help for the list.");
    expect(resumed.text).toContain('Unknown tier "Q"');
    expect(resumed.text).not.toMatch(STACK);
  });

  it("with extraction off, a new thread remembers a detail said in an earlier one (episodes only, no model call after the reply)", async () => {
    const env = sharedEnv("off");
    const first = await runScript(FIXTURE, ["--user", "dora"], env, ["My locker code at the gym is 4471.", "/memories"]);
    expect(first.code).toBe(0);
    expect(first.text).toContain("No long-term memories yet");
    const second = await runScript(FIXTURE, ["--user", "dora"], env, ["Which locker code did I mention for the gym?", "/why"]);
    expect(second.code).toBe(0);
    expect(threadOf(second.text)).not.toBe(threadOf(first.text));
    expect(second.text.split("/why")[1]).toContain("My locker code at the gym is 4471.");
  });

  it("Ctrl-C at the prompt exits cleanly and stops the embedded Chroma server", async () => {
    const dataDir = tempDir("memoria-cli-embedded-");
    const chat = spawnChat(FIXTURE, ["--user", "carol"], { MEMORIA_DATA_DIR: dataDir });
    await chat.waitFor("you> ", 1, 60_000);
    const chromaRunning = () => execFileSync("ps", ["-eo", "args"]).toString().includes(join(dataDir, "chroma"));
    expect(chromaRunning()).toBe(true);
    chat.child.kill("SIGINT");
    expect(await chat.exited).toBe(0);
    expect(chat.text()).toContain("Bye.");
    expect(chromaRunning()).toBe(false);
  });

  it("explains a missing chat model without a stack trace", async () => {
    const { code, text } = await runScript(CHAT, [], sharedEnv(), ["hello"]);
    expect(code).toBe(1);
    expect(text).toContain("No chat model configured. Set MEMORIA_CHAT_MODEL");
    expect(text).not.toMatch(STACK);
  });

  it("explains an unreachable model server without a stack trace", async () => {
    const port = await freePort();
    const env = { ...sharedEnv(), MEMORIA_CHAT_MODEL: "openai:llama3.1", OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` };
    const { code, text } = await runScript(CHAT, [], env, ["hello"]);
    expect(code).toBe(1);
    expect(text).toContain(`The chat model server at http://127.0.0.1:${port}/v1 is not reachable (ECONNREFUSED)`);
    expect(text).not.toMatch(STACK);
  });

  it("rejects bad arguments with the usage text", async () => {
    const { code, text } = await runScript(CHAT, ["--tier", "Z"], sharedEnv(), []);
    expect(code).toBe(1);
    expect(text).toContain('Unknown tier "Z"');
    const help = await runScript(CHAT, ["--help"], sharedEnv(), []);
    expect(help.code).toBe(0);
    expect(help.text).toContain("Usage: memoria");
  });
});
