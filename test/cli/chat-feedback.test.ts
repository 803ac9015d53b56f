import { randomUUID } from "node:crypto";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { tempDir } from "../helpers/stores.js";
import { spawnChat, type ChatIo, type ChatProcess } from "./spawn-chat.js";

const FIXTURE = "test/cli/fixtures/paced-chat.ts";
const WARNING = "[memoria] background extraction: job";
/** The terminal output with ESC shown as ⎋, so that control sequences can be matched. */
const screen = (chat: ChatProcess) => chat.text().replaceAll("\x1b", "⎋");

const env = () => ({
  MEMORIA_EXTRACTION: "background",
  CHROMA_URL: inject("chromaUrl"),
  MEMORIA_DATA_DIR: tempDir("memoria-cli-feedback-"),
  MEMORIA_COLLECTION_PREFIX: `clb${randomUUID().replace(/-/g, "").slice(0, 10)}`,
});

function chatAs(user: string, io: ChatIo = "pipes"): ChatProcess {
  const chat = spawnChat(FIXTURE, ["--user", user], env(), io);
  onTestFinished(() => void (chat.child.exitCode === null && chat.child.kill()));
  return chat;
}

describe("REPL feedback (child process, scripted model, real Chroma)", () => {
  it("/memories says when background extraction is still pending instead of 'no memories'", async () => {
    const chat = chatAs("erin");
    await chat.waitFor("you> ");
    chat.send("I'm learning the cello slowly");
    await chat.waitFor("you> ", 2);
    chat.send("/memories");
    await chat.waitFor("you> ", 3);
    expect(chat.text()).toMatch(/No long-term memories yet \(\d extraction jobs? still pending; try again in a moment\)\.\n/);
    // The fact can be listed while the turn's other jobs (entities) still run; the note must go once none is left.
    const lastListing = () => chat.text().split("you> ").at(-2) ?? "";
    for (
      let prompts = 3;
      prompts < 120 && !(lastListing().includes("] User is learning the cello") && !lastListing().includes("pending"));
      prompts++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      chat.send("/memories");
      await chat.waitFor("you> ", prompts + 1);
    }
    expect(lastListing()).toContain("] User is learning the cello");
    expect(lastListing()).not.toContain("pending");
    chat.send("/exit");
    expect(await chat.exited).toBe(0);
  });

  it("on a terminal, shows a thinking spinner until the reply streams, and prints background warnings above a redrawn prompt", async () => {
    const chat = chatAs("finn", "tty");
    await chat.waitFor("you> ");
    chat.send("this will explode slowly");
    await chat.waitFor("you> ", 2);
    expect(screen(chat)).toMatch(/\r⎋\[2Kmemoria> \S thinking…(\r⎋\[2Kmemoria> \S thinking…)*\r⎋\[2Kmemoria> Noted: this will explode/);
    chat.child.stdin!.write("/ex");
    await chat.waitFor(WARNING, 2);
    await chat.waitFor("you> ", 4, 15_000);
    const text = screen(chat);
    expect(text).not.toMatch(/you> (⎋\[\d+G)?\[memoria\]/);
    const warnings = text.match(
      /⎋\[2K⎋\[1G\[memoria\] background extraction: job \d+ (?:failed|dropped)[^\r\n]*\r\n[^\r\n]*you> [^\r\n]*\/ex/g,
    );
    expect(warnings).toHaveLength(2);
    chat.send("it");
    expect(await chat.exited).toBe(0);
    expect(chat.text()).toContain("Bye.");
  });

  it("in piped output, a background warning starts its own line and is followed by a fresh prompt", async () => {
    const chat = chatAs("gail", "one-pipe");
    await chat.waitFor("you> ");
    chat.send("this will explode");
    await chat.waitFor(WARNING, 2);
    await chat.waitFor("you> ", 4);
    expect(chat.text()).not.toMatch(/you> \[memoria\]/);
    expect(chat.text().match(/you> \n\[memoria\] background extraction: job \d+ (?:failed|dropped)[^\n]*\n(?=you> )/g)).toHaveLength(2);
    chat.send("/exit");
    expect(await chat.exited).toBe(0);
  });
});
