import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ThreadOwnershipError } from "../../src/config/errors.js";
import { silentLogger } from "../../src/config/logger.js";
import { BackgroundExtraction } from "../../src/memory/background/background-extraction.js";
import type { ExtractionJob } from "../../src/memory/extraction/run-extraction.js";
import { openPgLedger, type PgLedger } from "../../src/memory/ledger/pg-ledger.js";
import type { HistoryEvent } from "../../src/memory/ledger/history-log.js";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../helpers/postgres.js";

const skip = postgresSkipReason();
if (skip) console.warn(skip);

const event = (memoryId: string, userId: string, content: string): HistoryEvent => ({
  memoryId,
  userId,
  action: "ADD",
  relatedId: null,
  content,
  actor: "api",
  threadId: null,
  at: "2026-05-01T10:00:00.000Z",
});

describe.skipIf(skip !== undefined)("Postgres ledger shared by two replicas (real PostgreSQL)", () => {
  let pg: TestPostgres;
  let one: PgLedger;
  let two: PgLedger;

  beforeAll(async () => {
    pg = await startTestPostgres();
    [one, two] = await Promise.all([openPgLedger(pg.url, "rep", { leaseMs: 300 }), openPgLedger(pg.url, "rep", { leaseMs: 300 })]);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    pg?.stop();
  });

  it("a thread registered on one replica is known to the other, and deleteUser on either forgets it", async () => {
    await one.threads.register("ana", "t1", "2026-05-01T10:00:00.000Z");
    await one.threads.register("ana", "t1", "2026-05-02T10:00:00.000Z");
    await two.threads.register("ana", "t2", "2026-05-03T10:00:00.000Z");
    await two.threads.register("bo", "t3");
    expect(await two.threads.threadsOf("ana")).toEqual(["t1", "t2"]);
    expect(await two.threads.deleteUser("ana")).toBe(2);
    expect(await one.threads.threadsOf("ana")).toEqual([]);
    expect(await one.threads.threadsOf("bo")).toEqual(["t3"]);
  });

  it("history written on one replica is read on the other; a deletion erases the memory's text", async () => {
    await one.history.record([event("m1", "cy", "Cy likes tea"), event("m2", "cy", "Cy runs")]);
    expect((await two.history.forMemory("m1")).map((e) => e.content)).toEqual(["Cy likes tea"]);
    await two.history.recordDeletion({
      memoryId: "m1",
      userId: "cy",
      relatedId: null,
      actor: "api",
      threadId: null,
      at: "2026-05-02T00:00:00.000Z",
    });
    expect((await one.history.forMemory("m1")).map((e) => [e.action, e.content])).toEqual([
      ["ADD", null],
      ["DELETE", null],
    ]);
    expect(await one.history.deleteUser("cy")).toBe(3);
    expect(await two.history.forUser("cy")).toEqual([]);
  });

  it("two replicas draining one queue run every job exactly once, in order per user, one at a time per user", async () => {
    const pushed: number[] = [];
    for (let i = 0; i < 40; i++) pushed.push((await one.queue.push(`u${i % 4}`, "extract", { i })).seq);
    const done: { seq: number; userId: string; i: number }[] = [];
    const inFlight = new Set<string>();
    let overlap = false;
    const worker = async (ledger: PgLedger, name: string) => {
      for (;;) {
        const job = await ledger.queue.claim("extract", name);
        if (!job) {
          if ((await ledger.queue.pending()).length === 0) return;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        if (inFlight.has(job.userId)) overlap = true;
        inFlight.add(job.userId);
        await new Promise((r) => setTimeout(r, 2));
        done.push({ seq: job.seq, userId: job.userId, i: (job.payload as { i: number }).i });
        inFlight.delete(job.userId);
        expect(await ledger.queue.complete(job.seq)).toBe(true);
      }
    };
    await Promise.all([worker(one, "one-a"), worker(one, "one-b"), worker(two, "two-a"), worker(two, "two-b")]);
    expect(done.map((d) => d.seq).sort((a, b) => a - b)).toEqual(pushed);
    expect(overlap).toBe(false);
    for (const user of ["u0", "u1", "u2", "u3"]) {
      const order = done.filter((d) => d.userId === user).map((d) => d.i);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it("a job claimed by a replica that died is taken over after the lease, and deleteUser drops queued jobs", async () => {
    const job = await one.queue.push("dan", "extract", { n: 1 });
    expect((await one.queue.claim("extract", "dead"))?.seq).toBe(job.seq);
    expect(await two.queue.claim("extract", "alive")).toBeUndefined();
    await new Promise((r) => setTimeout(r, 400));
    expect((await two.queue.claim("extract", "alive"))?.seq).toBe(job.seq);
    await one.queue.push("dan", "extract", { n: 2 });
    expect(await two.queue.count("dan")).toBe(2);
    expect(await two.queue.count("nobody")).toBe(0);
    expect(await two.queue.deleteUser("dan")).toBe(2);
    expect(await one.queue.complete(job.seq)).toBe(false);
  });

  it("a thread belongs to the first user on any replica: two users racing for it from both replicas leave one owner", async () => {
    const results = await Promise.allSettled([
      one.threads.register("eve", "contested"),
      two.threads.register("fin", "contested"),
      one.threads.register("fin", "contested"),
      two.threads.register("eve", "contested"),
    ]);
    const owner = await two.threads.ownerOf("contested");
    expect(["eve", "fin"]).toContain(owner);
    const loser = owner === "eve" ? "fin" : "eve";
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.any(ThreadOwnershipError),
      expect.any(ThreadOwnershipError),
    ]);
    expect(await one.threads.threadsOf(loser)).toEqual([]);
    await expect(one.threads.register(loser, "contested")).rejects.toBeInstanceOf(ThreadOwnershipError);
  });

  it("a renewed claim is not taken over after the lease, and a released job is claimable at once", async () => {
    const job = await one.queue.push("gus", "extract", { n: 1 });
    expect((await one.queue.claim("extract", "busy"))?.seq).toBe(job.seq);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      expect(await one.queue.renew(job.seq, "busy")).toBe(true);
    }
    expect(await two.queue.claim("extract", "thief")).toBeUndefined();
    expect(await two.queue.renew(job.seq, "thief")).toBe(false);
    await one.queue.release(job.seq, "busy");
    expect((await two.queue.claim("extract", "next"))?.seq).toBe(job.seq);
    expect(await one.queue.renew(job.seq, "busy")).toBe(false);
    expect(await two.queue.complete(job.seq)).toBe(true);
  });

  it("background extraction on two replicas runs each job once, and picks up a job a dead replica left claimed after its lease", async () => {
    const job = (userId: string, userMessage: string): ExtractionJob => ({
      kind: "facts",
      input: { userId, userMessage, now: "2026-05-01T10:00:00.000Z" },
      source: {},
    });
    const ran: string[] = [];
    const runner = (name: string) => async (j: ExtractionJob) => {
      ran.push(`${name} ${j.input.userMessage}`);
      await new Promise((r) => setTimeout(r, 5));
    };
    const a = new BackgroundExtraction(one.queue, runner("a"), silentLogger, {}, { pollMs: 50 });
    const b = new BackgroundExtraction(two.queue, runner("b"), silentLogger, {}, { pollMs: 50 });
    const orphan = await one.queue.push("zed", "extraction", job("zed", "orphan"));
    expect((await one.queue.claim("extraction", "dead"))?.seq).toBe(orphan.seq);
    await b.resume();
    const messages = Array.from({ length: 30 }, (_, i) => `m${i}`);
    for (const [i, m] of messages.entries()) await a.enqueue(job(`v${i % 5}`, m));
    const deadline = performance.now() + 10_000;
    while ((await one.queue.pending()).some((j) => j.kind === "extraction") && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await Promise.all([a.close(), b.close()]);
    expect(ran.map((r) => r.split(" ")[1]).sort()).toEqual([...messages, "orphan"].sort());
    expect(await one.queue.pending()).toEqual([]);
  });
});
