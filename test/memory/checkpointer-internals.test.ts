import { AIMessage } from "@langchain/core/messages";
import { MessagesAnnotation, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { requireTestedVersion } from "../../src/config/dependency-version.js";
import { DependencyVersionError } from "../../src/config/errors.js";
import { RetainingSqliteSaver } from "../../src/memory/store/checkpoint-retention.js";
import { checkPostgresSaverVersion, POSTGRES_SAVER_TESTED_VERSION } from "../../src/memory/store/postgres-saver-internals.js";
import {
  checkSqliteSaverVersion,
  SQLITE_SAVER_TESTED_VERSION,
  sqliteCheckpointPruner,
} from "../../src/memory/store/sqlite-saver-internals.js";
import { tempDir } from "../helpers/stores.js";

const bump = (version: string) =>
  version.replace(/^(\d+)\.(\d+)\..*$/, (_, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`);

describe("the checkpointer fences", () => {
  it("accept the installed savers and their patch releases, and refuse another minor release or a missing package by name", () => {
    expect(() => checkSqliteSaverVersion()).not.toThrow();
    expect(() => checkSqliteSaverVersion(SQLITE_SAVER_TESTED_VERSION.replace(/\d+$/, "99"))).not.toThrow();
    expect(() => checkSqliteSaverVersion(bump(SQLITE_SAVER_TESTED_VERSION))).toThrow(DependencyVersionError);
    expect(() => checkSqliteSaverVersion(bump(SQLITE_SAVER_TESTED_VERSION))).toThrow(
      /@langchain\/langgraph-checkpoint-sqlite.*checkpoint retention.*Install @langchain\/langgraph-checkpoint-sqlite@~1\.0\.4/,
    );
    expect(() => checkPostgresSaverVersion()).not.toThrow();
    expect(() => checkPostgresSaverVersion(bump(POSTGRES_SAVER_TESTED_VERSION))).toThrow(DependencyVersionError);
    expect(() => requireTestedVersion("@langchain/langgraph-checkpoint-postgres", "1.0.5", undefined, "checkpoint retention")).toThrow(
      /it is not installed/,
    );
  });

  it("the SQLite pruner keeps a thread's newest checkpoints in the installed saver's tables and leaves other threads alone", async () => {
    const saver = RetainingSqliteSaver.open(`${tempDir()}/checkpoints.sqlite`, 0);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("reply", () => ({ messages: [new AIMessage("ok")] }))
      .addEdge("__start__", "reply")
      .compile({ checkpointer: saver });
    for (const thread of ["kept", "pruned"])
      for (let i = 0; i < 3; i++)
        await graph.invoke({ messages: [{ role: "user", content: `turn ${i}` }] }, { configurable: { thread_id: thread } });
    const count = (table: string, thread: string) =>
      (saver.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE thread_id = ?`).get(thread) as { n: number }).n;
    const before = count("checkpoints", "kept");
    expect(count("checkpoints", "pruned")).toBeGreaterThan(2);
    const newest = await saver.getTuple({ configurable: { thread_id: "pruned" } });

    sqliteCheckpointPruner(saver.db)({ threadId: "pruned", ns: "" }, 2);
    expect(count("checkpoints", "pruned")).toBe(2);
    expect(count("checkpoints", "kept")).toBe(before);
    const after = await saver.getTuple({ configurable: { thread_id: "pruned" } });
    expect(after?.checkpoint.id).toBe(newest?.checkpoint.id);
    expect((await graph.getState({ configurable: { thread_id: "pruned" } })).values.messages).toHaveLength(6);
    saver.db.close();
  });
});
