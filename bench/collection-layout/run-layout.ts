import type { ChromaClient } from "chromadb";
import { p50p95, timed } from "../scale/measure.js";
import { ChromaBox } from "./chroma-box.js";
import { pickUsers, seeded, unitVector, userRows } from "./data.js";
import type { Layout } from "./layouts.js";

/** How much of each operation one layout run does. */
export interface LayoutPlan {
  users: number;
  perUser: number;
  dimension: number;
  queries: number;
  gets: number;
  coldQueries: number;
  deletes: number;
}

/** What one layout run measured (ms and MB). */
export interface LayoutResult {
  createMs: number;
  ingestMs: number;
  query: { p50: number; p95: number };
  getAll: { p50: number; p95: number };
  listMs: number;
  collections: number;
  rssIngest?: number;
  rssQueries?: number;
  diskMb: number;
  restartMs: number;
  rssRestart?: number;
  firstQueryMs: number;
  coldQuery: { p50: number; p95: number };
  rssCold?: number;
  deleteUser: { p50: number; p95: number };
  diskAfterDeletesMb: number;
}

async function timedEach(items: number[], fn: (item: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) out.push((await timed(() => fn(item)))[0]);
  return out;
}

/** Lists every collection, 1,000 a page; returns how many there are. */
export async function listAll(client: ChromaClient): Promise<number> {
  let count = 0;
  for (;;) {
    const page = await client.listCollections({ limit: 1000, offset: count });
    count += page.length;
    if (page.length < 1000) return count;
  }
}

/** Fills a fresh Chroma with one layout and times creation, ingest, queries, gets, listing, restart and deletes. */
export async function runLayout(make: (client: ChromaClient) => Layout, label: string, plan: LayoutPlan): Promise<LayoutResult> {
  const box = await ChromaBox.open(label);
  try {
    let layout = make(box.client);
    const [createMs] = await timed(() => layout.create(plan.users));
    let ingestMs = 0;
    for (let u = 0; u < plan.users; u++) {
      const rows = userRows(u, plan.perUser, plan.dimension);
      ingestMs += (await timed(() => layout.add(rows)))[0];
    }
    const rssIngest = box.rss();
    const random = seeded(7);
    const query = (u: number) => layout.query(`user-${u}`, unitVector(random, plan.dimension), 10);
    const queries = await timedEach(pickUsers(plan.users, plan.queries, 11), query);
    const rssQueries = box.rss();
    const gets = await timedEach(pickUsers(plan.users, plan.gets, 13), (u) => layout.getAll(`user-${u}`));
    const [listMs, collections] = await timed(() => listAll(box.client));
    await box.stop();
    const diskMb = box.diskMb();
    const restartMs = await box.start();
    layout = make(box.client);
    const rssRestart = box.rss();
    const cold = pickUsers(plan.users, plan.coldQueries + 1, 17);
    const [firstQueryMs] = await timed(() => query(cold[0]!));
    const coldQueries = await timedEach(cold.slice(1), query);
    const rssCold = box.rss();
    const deletes = await timedEach(pickUsers(plan.users, plan.deletes, 19), (u) => layout.deleteUser(`user-${u}`));
    return {
      createMs,
      ingestMs,
      query: p50p95(queries),
      getAll: p50p95(gets),
      listMs,
      collections,
      rssIngest,
      rssQueries,
      diskMb,
      restartMs,
      rssRestart,
      firstQueryMs,
      coldQuery: p50p95(coldQueries),
      rssCold,
      deleteUser: p50p95(deletes),
      diskAfterDeletesMb: box.diskMb(),
    };
  } finally {
    await box.close();
  }
}
