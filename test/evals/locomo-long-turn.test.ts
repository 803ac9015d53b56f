import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { loadLocomo } from "../../evals/locomo/load-locomo.js";
import { LocomoChroma, memoryApiMethod } from "../../evals/locomo/memory-api-method.js";
import { MAX_MEMORY_CHARS, memoryParts } from "../../evals/locomo/memory-parts.js";
import { runLocomo } from "../../evals/locomo/run-locomo.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const filler = (n: number) => Array.from({ length: n }, (_, i) => `We walked along the river and talked about plan number ${i}.`).join(" ");
const longTurn = `${filler(60)} At the very end of the trip I finally reached the lighthouse of Zanzibar.`;

/** A one-conversation LoCoMo file whose second turn is over 3,000 characters, with a question only its end answers. */
const fixture = [
  {
    sample_id: "long-1",
    conversation: {
      speaker_a: "Caroline",
      speaker_b: "Mel",
      session_1_date_time: "1:56 pm on 8 May, 2023",
      session_1: [
        { speaker: "Mel", dia_id: "D1:1", text: "How was your holiday?" },
        { speaker: "Caroline", dia_id: "D1:2", text: longTurn },
        { speaker: "Mel", dia_id: "D1:3", text: "That sounds lovely, I adopted a puppy called Biscuit." },
      ],
    },
    qa: [
      { question: "Which lighthouse did Caroline reach?", answer: "Zanzibar", evidence: ["D1:2"], category: 1 },
      { question: "What is the name of Mel's puppy?", answer: "Biscuit", evidence: ["D1:3"], category: 1 },
    ],
    observation: { session_1_observation: { Mel: [["Mel adopted a puppy called Biscuit.", "D1:3"]] } },
  },
];

describe("LoCoMo harness with a turn longer than a memory holds", () => {
  it("cuts a long text at spaces into parts that fit, each later part led by the speaker", () => {
    const parts = memoryParts(`Caroline: ${longTurn}`, "Caroline: ");
    expect(longTurn.length).toBeGreaterThan(3_000);
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.length <= MAX_MEMORY_CHARS)).toBe(true);
    expect(parts[1]).toMatch(/^Caroline: \S/);
    expect(parts.map((p, i) => (i ? p.slice("Caroline: ".length) : p)).join(" ")).toBe(`Caroline: ${longTurn}`);
    expect(memoryParts("short turn", "X: ")).toEqual(["short turn"]);
  });

  it("stores the long turn in parts, runs to completion, finds the turn by its end, and reports the split", async () => {
    const dir = await mkdtemp(join(tmpdir(), "memoria-locomo-long-"));
    dirs.push(dir);
    const dataPath = join(dir, "locomo-long.json");
    await writeFile(dataPath, JSON.stringify(fixture));
    const lines: string[] = [];
    const report = await runLocomo({
      dataPath,
      outDir: dir,
      methods: ["memory-api-turns", "memory-api"],
      log: (line) => lines.push(line),
      chromaUrl: inject("chromaUrl"),
      embedder: new HashEmbeddings(),
    });
    const note = "1 turn over 2,000 characters stored as 2 memories";
    expect(report.questions).toBe(2);
    expect(report.methods.map((m) => [m.name, m.notes])).toEqual([
      ["memory-api-turns", [note]],
      ["memory-api", [note]],
    ]);
    for (const m of report.methods) expect(m.summary.overall!.recallAtK[5]).toBe(100);
    expect(lines.find((l) => l.startsWith("memory-api-turns:"))).toContain(`(${note})`);
    expect(await readFile(join(dir, "locomo-latest.md"), "utf8")).toContain(note);

    const method = memoryApiMethod(new HashEmbeddings(), new LocomoChroma(inject("chromaUrl")), "hybrid");
    try {
      const prepared = await method.prepare((await loadLocomo(dataPath))[0]!);
      expect(await prepared.search("Which lighthouse did Caroline reach?", 1)).toEqual([{ ids: ["D1:2"] }]);
    } finally {
      await method.close();
    }
  });
});
