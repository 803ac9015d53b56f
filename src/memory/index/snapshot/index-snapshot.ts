import { endianness } from "node:os";
import type { MemoryRecord } from "../../types.js";

const MAGIC = Buffer.from("MEMSNAP1");
const RECORDS_PER_CHUNK = 1_000;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a snapshot file says about itself, before its vectors and records. */
interface SnapshotHeader {
  version: 1;
  userId: string;
  /** The store scope (collection) and embedder the vectors belong to. */
  scope: string;
  dim: number;
  count: number;
  /** Write clock (ms) when the snapshot was taken: rows written since are read from the store. */
  takenAt: number;
  /** Byte length of each JSON chunk of records. */
  chunks: number[];
}

/** One user's indexed memories and their unit vectors as of `takenAt`. */
export interface IndexSnapshot {
  userId: string;
  scope: string;
  takenAt: number;
  records: MemoryRecord[];
  /** One vector per record, views into one buffer. */
  vectors: Float32Array[];
}

/** A snapshot file could not be read: truncated, from another version or scope, or not a snapshot at all. */
export class SnapshotFormatError extends Error {
  override readonly name = "SnapshotFormatError";
}

/** Encodes a snapshot as byte chunks to write in order (JSON is produced a thousand records at a time, yielding in between). */
export async function encodeSnapshot(snapshot: IndexSnapshot): Promise<Buffer[]> {
  const { records, vectors } = snapshot;
  const dim = vectors[0]?.length ?? 0;
  const flat = new Float32Array(records.length * dim);
  vectors.forEach((v, i) => flat.set(v, i * dim));
  const chunks: Buffer[] = [];
  for (let i = 0; i < records.length; i += RECORDS_PER_CHUNK) {
    chunks.push(Buffer.from(JSON.stringify(records.slice(i, i + RECORDS_PER_CHUNK))));
    await pause();
  }
  const header: SnapshotHeader = {
    version: 1,
    userId: snapshot.userId,
    scope: snapshot.scope,
    dim,
    count: records.length,
    takenAt: snapshot.takenAt,
    chunks: chunks.map((c) => c.length),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const lead = Buffer.alloc(align4(MAGIC.length + 4 + headerBytes.length));
  MAGIC.copy(lead, 0);
  lead.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(lead, MAGIC.length + 4);
  return [lead, Buffer.from(flat.buffer, flat.byteOffset, flat.byteLength), ...chunks];
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

/** Decodes a snapshot file's bytes, yielding to the event loop between chunks of records; throws SnapshotFormatError on any mismatch. */
export async function decodeSnapshot(bytes: Buffer, expect: { userId: string; scope: string }): Promise<IndexSnapshot> {
  if (endianness() !== "LE") throw new SnapshotFormatError("Snapshots are little-endian only.");
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const header = decodeHeader(bytes);
  if (header.userId !== expect.userId || header.scope !== expect.scope) throw new SnapshotFormatError("Snapshot of another user or store.");
  const vectorStart = align4(MAGIC.length + 4 + headerLength);
  const vectorBytes = header.count * header.dim * 4;
  const end = vectorStart + vectorBytes + header.chunks.reduce((a, b) => a + b, 0);
  if (end !== bytes.length) throw new SnapshotFormatError(`Snapshot is ${bytes.length} bytes, its header says ${end}.`);
  const aligned = (bytes.byteOffset + vectorStart) % 4 === 0 ? bytes : Buffer.from(bytes);
  const flat = new Float32Array(aligned.buffer, aligned.byteOffset + vectorStart, header.count * header.dim);
  const records: MemoryRecord[] = [];
  let at = vectorStart + vectorBytes;
  for (const length of header.chunks) {
    records.push(...parseRecords(bytes.subarray(at, at + length), header.userId));
    at += length;
    await pause();
  }
  if (records.length !== header.count)
    throw new SnapshotFormatError(`Snapshot holds ${records.length} records, its header says ${header.count}.`);
  const vectors = records.map((_, i) => flat.subarray(i * header.dim, (i + 1) * header.dim));
  return { userId: header.userId, scope: header.scope, takenAt: header.takenAt, records, vectors };
}

/** Reads the header of a snapshot from its first bytes (at least the whole header); throws SnapshotFormatError when it is not one. */
export function decodeHeader(bytes: Buffer): Pick<SnapshotHeader, "userId" | "scope" | "takenAt" | "count" | "dim" | "chunks"> {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotFormatError("Not a snapshot.");
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  if (bytes.length < MAGIC.length + 4 + headerLength) throw new SnapshotFormatError("Snapshot header is cut short.");
  return parseHeader(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength));
}

function parseHeader(bytes: Buffer): SnapshotHeader {
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(bytes.toString("utf8")) as Partial<SnapshotHeader>;
  } catch (error) {
    throw new SnapshotFormatError("Snapshot header is not JSON.", { cause: error });
  }
  const counts = [header.dim, header.count, header.takenAt];
  if (header.version !== 1 || counts.some((n) => !Number.isSafeInteger(n) || n! < 0) || !Array.isArray(header.chunks))
    throw new SnapshotFormatError("Snapshot header of another version.");
  return header as SnapshotHeader;
}

function parseRecords(bytes: Buffer, userId: string): MemoryRecord[] {
  let records: unknown;
  try {
    records = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new SnapshotFormatError("Snapshot records are not JSON.", { cause: error });
  }
  if (!Array.isArray(records)) throw new SnapshotFormatError("Snapshot records are not a list.");
  for (const r of records as Array<Partial<MemoryRecord>>) {
    if (typeof r?.id !== "string" || typeof r.content !== "string" || r.userId !== userId)
      throw new SnapshotFormatError("Snapshot holds a record of another shape or user.");
  }
  return records as MemoryRecord[];
}
