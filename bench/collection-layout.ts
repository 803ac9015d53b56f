import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { probeCollectionCount, type ProbeRow } from "./collection-layout/count-probe.js";
import { perUserLayout, sharedLayout } from "./collection-layout/layouts.js";
import { runLayout, type LayoutResult } from "./collection-layout/run-layout.js";
import { fmtMs, fmtS, printTable } from "./scale/measure.js";

const USAGE = `Usage: npx tsx bench/collection-layout.ts [--users 1000] [--per-user 20] [--layouts S,P|none] [--queries 200] [--gets 50]
  [--cold 50] [--deletes 20] [--probe 500,1000,2000,5000,10000|none] [--probe-rows 20] [--probe-budget-s 300] [--probe-max-disk-gb 15] [--probe-max-rss-gb 6]
  (--users and --per-user take lists of the same length to run several sizes; the probe also stops when it would leave
  under 20 GB free on the disk)`;
const DIMENSION = 100;
const LAYOUTS = [
  ["S", sharedLayout],
  ["P", perUserLayout],
] as const;

function options() {
  const { values } = parseArgs({
    options: {
      users: { type: "string", default: "1000" },
      "per-user": { type: "string", default: "20" },
      layouts: { type: "string", default: "S,P" },
      queries: { type: "string", default: "200" },
      gets: { type: "string", default: "50" },
      cold: { type: "string", default: "50" },
      deletes: { type: "string", default: "20" },
      probe: { type: "string", default: "500,1000,2000,5000,10000" },
      "probe-rows": { type: "string", default: "20" },
      "probe-budget-s": { type: "string", default: "300" },
      "probe-max-disk-gb": { type: "string", default: "15" },
      "probe-max-rss-gb": { type: "string", default: "6" },
      help: { type: "boolean", default: false },
    },
  });
  const count = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive integer, got "${text}".\n${USAGE}`);
    return n;
  };
  const list = (name: string, text: string) => text.split(",").map((s) => count(name, s));
  const users = list("users", values.users);
  const perUser = list("per-user", values["per-user"]);
  if (perUser.length !== 1 && perUser.length !== users.length)
    throw new Error(`--per-user needs one value or one per --users value.\n${USAGE}`);
  return {
    help: values.help,
    sizes: users.map((u, i) => ({ users: u, perUser: perUser[perUser.length === 1 ? 0 : i]! })),
    queries: count("queries", values.queries),
    gets: count("gets", values.gets),
    cold: count("cold", values.cold),
    deletes: count("deletes", values.deletes),
    probe: values.probe === "none" ? [] : list("probe", values.probe),
    probeRows: count("probe-rows", values["probe-rows"]),
    layouts: LAYOUTS.filter(([key]) => values.layouts.split(",").includes(key)),
    probeLimits: {
      budgetMs: count("probe-budget-s", values["probe-budget-s"]) * 1000,
      maxDiskMb: count("probe-max-disk-gb", values["probe-max-disk-gb"]) * 1024,
      keepFreeMb: 20 * 1024,
      maxRssMb: count("probe-max-rss-gb", values["probe-max-rss-gb"]) * 1024,
    },
  };
}

const n = (x: number) => x.toLocaleString("en");
const mb = (x: number | undefined) => (x === undefined ? "n/a" : x.toFixed(0));
const pair = (p: { p50: number; p95: number }) => `${fmtMs(p.p50)} / ${fmtMs(p.p95)}`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

function layoutRows(results: LayoutResult[], sizes: Array<{ users: number; perUser: number }>, o: ReturnType<typeof options>) {
  const size = (i: number) => sizes[Math.floor(i / o.layouts.length)]!;
  const rows = (i: number) => size(i).users * size(i).perUser;
  const line = (label: string, cell: (r: LayoutResult, i: number) => string) => [label, ...results.map(cell)];
  return [
    line("collections created / time", (r) => `${n(r.collections)} / ${fmtS(r.createMs)}`),
    line(
      "ingest, one `add` per user: time / rate",
      (r, i) => `${fmtS(r.ingestMs)} / ${n(Math.round((rows(i) / r.ingestMs) * 1000))} rows/s`,
    ),
    line(`query, top 10, ${o.queries} random users: p50 / p95 ms`, (r) => pair(r.query)),
    line(`get a user's rows with embeddings, ${o.gets} users: p50 / p95 ms`, (r) => pair(r.getAll)),
    line("listCollections, all (pages of 1,000): ms", (r) => fmtMs(r.listMs)),
    line("Chroma RSS after ingest / after queries: MB", (r) => `${mb(r.rssIngest)} / ${mb(r.rssQueries)}`),
    line("data dir on disk: MB", (r) => mb(r.diskMb)),
    line("restart (start to heartbeat): s", (r) => fmtS(r.restartMs)),
    line("first query after restart: ms", (r) => fmtMs(r.firstQueryMs)),
    line(`next ${o.cold} queries after restart, other users: p50 / p95 ms`, (r) => pair(r.coldQuery)),
    line("Chroma RSS after restart / after those queries: MB", (r) => `${mb(r.rssRestart)} / ${mb(r.rssCold)}`),
    line(`delete a user, ${o.deletes} users: p50 / p95 ms`, (r) => pair(r.deleteUser)),
    line("data dir on disk after those deletes: MB", (r) => mb(r.diskAfterDeletesMb)),
  ];
}

function probeRows(rows: ProbeRow[]) {
  return rows.map((r) => [
    n(r.collections),
    r.createMsEach.toFixed(1),
    mb(r.rss),
    fmtMs(r.listMs),
    mb(r.diskMb),
    fmtS(r.restartMs),
    mb(r.rssRestart),
    fmtMs(r.firstQueryMs),
  ]);
}

async function main(): Promise<void> {
  const o = options();
  if (o.help) return console.log(USAGE);
  const started = performance.now();
  const loads = [load()];
  console.log(
    `Chroma 1.0.5 embedded server (one per layout, fresh temp dir), cosine collections created with embeddingFunction: null. ` +
      `Rows: random unit vectors of dimension ${DIMENSION} (seeded; LocalEmbeddings' dimension), a ~75-character document, metadata userId/kind/createdAt. ` +
      `Layouts run one after the other, never side by side. RSS from /proc/<pid>/status VmRSS. Load average at start: ${loads[0]}.`,
  );
  const results: LayoutResult[] = [];
  const header = ["measure"];
  const log = (line: string) => console.log(`${line} (${fmtS(performance.now() - started)}, load ${load()})`);
  for (const size of o.sizes) {
    const plan = { ...size, dimension: DIMENSION, queries: o.queries, gets: o.gets, coldQueries: o.cold, deletes: o.deletes };
    for (const [key, make] of o.layouts) {
      results.push(await runLayout(make, `layout-${key}`, plan));
      header.push(`${key}, ${n(size.users)} × ${size.perUser}`);
      log(`  done ${key} with ${n(size.users)} users × ${size.perUser}`);
      loads.push(load());
    }
  }
  if (results.length) printTable("Shared collection (S) vs collection per user (P)", header, layoutRows(results, o.sizes, o));
  if (o.probe.length) {
    const rows = await probeCollectionCount(o.probe, o.probeRows, DIMENSION, o.probeLimits, log);
    loads.push(load());
    printTable(
      `Collection count probe: collections of ${o.probeRows} rows, one server`,
      [
        "collections",
        "create + add ms each",
        "RSS MB",
        "listCollections ms",
        "disk MB",
        "restart",
        "RSS after restart MB",
        "first query after restart ms",
      ],
      probeRows(rows),
    );
  }
  console.log(
    `\nFor reference (docs/deploy.md, not re-measured): memoria's warm search reads nothing from Chroma; in-process search of a ` +
      `random user among 10,000 × 20 took 0.5 / 4.8 ms p50 / p95.`,
  );
  console.log(
    `\nLoad average (1/5/15 min) at start and after each part: ${loads.join(" | ")}. Total wall time ${fmtS(performance.now() - started)}.`,
  );
}

await main();
