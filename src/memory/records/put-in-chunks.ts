import type { MemoryRecord } from "../types.js";
import type { MemoryRows, PutOptions } from "./chroma/memory-rows.js";

/** Rows per embedding pass and Chroma call in a batch write (Chroma accepts at most 5,461 per call). */
const INSERT_CHUNK = 1_000;
/** Chunks at Chroma at once: it parses and logs one while it indexes another (2,250–2,850 rows/s here, 2,100–2,200 with one). */
const WRITES_IN_FLIGHT = 3;

interface SentChunk {
  chunk: MemoryRecord[];
  settled: Promise<void>;
  outcome?: { ok: true } | { ok: false; error: unknown };
}

/**
 * Embeds and writes one user's rows in chunks with up to three at Chroma at once (`fresh`: ids never stored, added without an
 * overwrite check). `stored` runs for each chunk in input order once it and every chunk before it are in Chroma. When a write
 * fails no further chunk is sent, chunks after the failed one that landed anyway are removed again, and the error is thrown;
 * when embedding fails, the chunks already sent are awaited and reported first. What stays written is a prefix of the input.
 */
export async function putInChunks(
  rows: Pick<MemoryRows, "embedMany" | "put" | "remove">,
  records: MemoryRecord[],
  options: PutOptions,
  stored: (chunk: MemoryRecord[]) => Promise<void> | void = () => undefined,
): Promise<void> {
  const sent: SentChunk[] = [];
  let recorded = 0;
  const recordInOrder = async () => {
    while (sent[recorded]?.outcome?.ok === true) await stored(sent[recorded++]!.chunk);
  };
  const failed = () => sent.find((s) => s.outcome?.ok === false);
  let thrown: { error: unknown } | undefined;
  try {
    for (let i = 0; i < records.length && !failed(); i += INSERT_CHUNK) {
      const chunk = records.slice(i, i + INSERT_CHUNK);
      const vectors = await rows.embedMany(chunk.map((r) => r.content));
      if (failed()) break;
      const entry: SentChunk = { chunk, settled: Promise.resolve() };
      entry.settled = rows.put(chunk, vectors, options).then(
        () => void (entry.outcome = { ok: true }),
        (error: unknown) => void (entry.outcome = { ok: false, error }),
      );
      sent.push(entry);
      const open = sent.filter((s) => !s.outcome);
      if (open.length >= WRITES_IN_FLIGHT) await Promise.race(open.map((s) => s.settled));
      await recordInOrder();
    }
  } catch (error) {
    thrown = { error };
  }
  await Promise.all(sent.map((s) => s.settled));
  await recordInOrder();
  const failure = failed();
  if (failure?.outcome?.ok === false) {
    const landed = sent.slice(sent.indexOf(failure) + 1).filter((s) => s.outcome?.ok);
    const ids = landed.flatMap((s) => s.chunk.map((r) => r.id));
    if (ids.length > 0) await rows.remove(ids, records[0]!.userId);
    throw failure.outcome.error;
  }
  if (thrown) throw thrown.error;
}
