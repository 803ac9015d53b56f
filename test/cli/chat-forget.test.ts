import { randomUUID } from "node:crypto";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { tempDir } from "../helpers/stores.js";
import { runScript, spawnChat } from "./spawn-chat.js";

const FIXTURE = "test/cli/fixtures/scripted-chat.ts";
const FACT = "User is vegetarian and avoids fish";

const env = () => ({
  MEMORIA_EXTRACTION: "inline",
  CHROMA_URL: inject("chromaUrl"),
  MEMORIA_DATA_DIR: tempDir("memoria-cli-forget-"),
  MEMORIA_COLLECTION_PREFIX: `clf${randomUUID().replace(/-/g, "").slice(0, 10)}`,
});
const after = (text: string, command: string) => text.split(`you> ${command}\n`)[1]!.split("you> ")[0]!;

describe("REPL /forget (child process, scripted model, real Chroma)", () => {
  it("deletes only an id match or a text exactly one listed memory contains; otherwise deletes nothing and hints at ids", async () => {
    const shared = env();
    const alice = spawnChat(FIXTURE, ["--user", "alice"], shared);
    onTestFinished(() => void (alice.child.exitCode === null && alice.child.kill()));
    await alice.waitFor("you> ");
    alice.send("I'm vegetarian, and my sister Maya is a nurse.");
    alice.send("Any vegetarian dinner idea for Maya?");
    alice.send("/memories");
    await alice.waitFor("you> ", 4);
    const factId = new RegExp(`\\[([0-9a-f]{8})\\] ${FACT}`).exec(alice.text())![1]!;

    alice.send("/forget nothing-like-this");
    alice.send("/forget dinner idea");
    alice.send("/memories");
    await alice.waitFor("you> ", 7);
    const none = after(alice.text(), "/forget nothing-like-this");
    const hint = after(alice.text(), "/forget dinner idea");
    expect(hint).not.toContain("Forgot");
    expect(none).toContain('No memory contains "nothing-like-this"; nothing was deleted.');
    expect(none).not.toContain("Forgot");
    expect(hint).toContain('No memory contains "dinner idea"; nothing was deleted. Closest:');
    expect(hint).toContain("Use /forget <id> to delete one of them.");
    const episodeId = /\[([0-9a-f]{8})\] user: Any vegetarian dinner idea for Maya\?/.exec(hint)?.[1];
    expect(episodeId).toBeDefined();
    expect(after(alice.text(), "/memories")).toContain(`[${factId}] ${FACT}`);

    const bobEnv = { ...shared, MEMORIA_DATA_DIR: tempDir("memoria-cli-forget-bob-") };
    const bob = await runScript(FIXTURE, ["--user", "bob"], bobEnv, [`/forget ${factId}`, `/forget ${episodeId}`, "/forget vegetarian"]);
    expect(bob.code).toBe(0);
    expect(bob.text).not.toContain("Forgot");
    expect(bob.text).toContain(`No memory contains "${factId}"; nothing was deleted.`);

    alice.send(`/forget ${episodeId}`);
    alice.send("/forget AVOIDS FISH");
    alice.send("/memories");
    alice.send("/exit");
    expect(await alice.exited).toBe(0);
    expect(after(alice.text(), `/forget ${episodeId}`)).toMatch(
      new RegExp(`^Forgot \\[${episodeId}\\] user: Any vegetarian dinner idea for Maya\\?`),
    );
    expect(after(alice.text(), "/forget AVOIDS FISH")).toBe(`Forgot [${factId}] ${FACT}\n`);
    expect(alice.text().split("you> /memories\n").at(-1)).toContain("No long-term memories yet");
  });
});
