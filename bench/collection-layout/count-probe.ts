import { statfsSync } from "node:fs";
import { timed } from "../scale/measure.js";
import { ChromaBox } from "./chroma-box.js";
import { pickUsers, seeded, unitVector, userRows } from "./data.js";
import { listAll } from "./run-layout.js";

/** One checkpoint of the collection-count probe (ms and MB). */
export interface ProbeRow {
  collections: number;
  createMsEach: number;
  rss?: number;
  listMs: number;
  diskMb: number;
  restartMs: number;
  rssRestart?: number;
  firstQueryMs: number;
}

/**
 * Creates collections of `rowsEach` rows up to each count in `steps`, measuring at each checkpoint (which restarts
 * Chroma). Stops before a step whose estimated time would exceed what is left of `budgetMs`, whose data would pass
 * `maxDiskMb` or leave less than `keepFreeMb` free on the disk, or whose Chroma RSS (which grows with the collections
 * written since it started) would pass `maxRssMb`.
 */
export async function probeCollectionCount(
  steps: number[],
  rowsEach: number,
  dimension: number,
  limits: { budgetMs: number; maxDiskMb: number; keepFreeMb: number; maxRssMb: number },
  log: (line: string) => void,
): Promise<ProbeRow[]> {
  const box = await ChromaBox.open("count-probe");
  const started = performance.now();
  const rows: ProbeRow[] = [];
  const random = seeded(23);
  const open = (n: number) =>
    box.client.getOrCreateCollection({ name: `c_${n}`, embeddingFunction: null, configuration: { hnsw: { space: "cosine" } } });
  try {
    let made = 0;
    for (const target of steps) {
      const msEach = rows.at(-1)?.createMsEach ?? 0;
      const left = limits.budgetMs - (performance.now() - started);
      const lastDiskMb = rows.at(-1)?.diskMb ?? 0;
      const expectedMb = (lastDiskMb / Math.max(made, 1)) * target;
      const sinceRestart = made - (rows.at(-2)?.collections ?? 0);
      const expectedRss = ((rows.at(-1)?.rss ?? 0) / Math.max(sinceRestart, 1)) * (target - made);
      const { bavail, bsize } = statfsSync(box.dir);
      const freeMb = (bavail * bsize) / 1024 / 1024;
      if (
        msEach * (target - made) * 1.5 > left ||
        expectedMb > limits.maxDiskMb ||
        freeMb - (expectedMb - lastDiskMb) < limits.keepFreeMb ||
        expectedRss > limits.maxRssMb
      ) {
        log(
          `  probe stopped before ${target} collections: estimated ${((msEach * (target - made)) / 1000).toFixed(0)} s and ` +
            `${(expectedMb / 1024).toFixed(1)} GB on disk, Chroma RSS ${(expectedRss / 1024).toFixed(1)} GB; ${(left / 1000).toFixed(0)} s of budget and ${(freeMb / 1024).toFixed(0)} GB free left`,
        );
        break;
      }
      const [stepMs] = await timed(async () => {
        for (; made < target; made++) {
          const r = userRows(made, rowsEach, dimension);
          await (await open(made)).add({ ids: r.ids, embeddings: r.embeddings, documents: r.documents, metadatas: r.metadatas });
        }
      });
      const createMsEach = stepMs / (target - (rows.at(-1)?.collections ?? 0));
      const rss = box.rss();
      const [listMs] = await timed(() => listAll(box.client));
      await box.stop();
      const diskMb = box.diskMb();
      const restartMs = await box.start();
      const rssRestart = box.rss();
      const [firstQueryMs] = await timed(async () => {
        const c = await open(pickUsers(made, 1, target)[0]!);
        await c.query({ queryEmbeddings: [unitVector(random, dimension)], nResults: 10 });
      });
      rows.push({ collections: target, createMsEach, rss, listMs, diskMb, restartMs, rssRestart, firstQueryMs });
      log(
        `  probe: ${target} collections, ${createMsEach.toFixed(1)} ms each, ${((performance.now() - started) / 1000).toFixed(0)} s so far`,
      );
    }
  } finally {
    await box.close();
  }
  return rows;
}
