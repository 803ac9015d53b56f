import { scanModuleBytes } from "./scan-module.js";

const PAGE = 65_536;

/** The part of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface Wasm {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
type WasmModule = { readonly module: unique symbol };
type WasmMemory = { readonly buffer: ArrayBuffer; grow(pages: number): number };
type Scan = (pool: number, count: number, stride: number, query: number, out: number) => void;

let compiled: { wasm: Wasm; module: WasmModule } | null | undefined;

/** The compiled scan module, or null where WebAssembly SIMD is unavailable (compiled once, on first use). */
function scanModule(): { wasm: Wasm; module: WasmModule } | null {
  if (compiled !== undefined) return compiled;
  const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
  const bytes = scanModuleBytes();
  compiled = wasm?.validate(bytes) ? { wasm, module: new wasm.Module(bytes) } : null;
  return compiled;
}

/** Whether this runtime can run the SIMD scan. */
export function simdAvailable(): boolean {
  return scanModule() !== null;
}

/** Stride (in floats) of a row of `dim` floats: the next multiple of 4, the width of an f32x4 lane group. */
export function strideOf(dim: number): number {
  return Math.ceil(dim / 4) * 4;
}

/**
 * A pool of zero-padded float32 rows in its own WebAssembly memory, laid out as [query row][rows][scores], scored with f32x4.
 * Views (`rows`) are replaced when the memory grows; the memory is freed with the pool once unreachable.
 */
export class SimdPool {
  /** The rows, `capacity` × stride floats (a view: read it again after `grow`). */
  rows: Float32Array;
  private readonly memory: WasmMemory;
  private readonly run: Scan;

  private constructor(
    { wasm, module }: { wasm: Wasm; module: WasmModule },
    private readonly stride: number,
    private capacity: number,
  ) {
    this.memory = new wasm.Memory({ initial: this.pagesFor(capacity) });
    this.run = new wasm.Instance(module, { env: { memory: this.memory } }).exports.scores as Scan;
    this.rows = this.view();
  }

  /** A pool for `capacity` rows of `stride` floats, or undefined when SIMD is unavailable or the memory cannot be allocated. */
  static create(stride: number, capacity: number): SimdPool | undefined {
    const compiled = scanModule();
    if (!compiled) return undefined;
    try {
      return new SimdPool(compiled, stride, capacity);
    } catch (error) {
      if (error instanceof RangeError) return undefined;
      throw error;
    }
  }

  /** Bytes of the memory. */
  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Makes room for `capacity` rows, new rows zeroed; false when the memory cannot grow (the pool is then unchanged). */
  grow(capacity: number): boolean {
    const pages = this.pagesFor(capacity) - this.memory.buffer.byteLength / PAGE;
    try {
      if (pages > 0) this.memory.grow(pages);
    } catch (error) {
      if (error instanceof RangeError) return false;
      throw error;
    }
    const previous = this.capacity;
    this.capacity = capacity;
    this.rows = this.view();
    // Fresh pages are zero; only the former scores area, now rows, may hold anything.
    this.rows.fill(0, previous * this.stride, previous * (this.stride + 1));
    return true;
  }

  /** Dot products of the first `count` rows with a query (of at most stride floats), valid until the next call or `grow`. */
  scores(query: Float32Array, count: number): Float32Array {
    new Float32Array(this.memory.buffer, 0, query.length).set(query);
    const out = (1 + this.capacity) * this.stride * 4;
    this.run(this.stride * 4, count, this.stride, 0, out);
    return new Float32Array(this.memory.buffer, out, count);
  }

  private pagesFor(capacity: number): number {
    return Math.max(1, Math.ceil((((1 + capacity) * this.stride + capacity) * 4) / PAGE));
  }

  private view(): Float32Array {
    return new Float32Array(this.memory.buffer, this.stride * 4, this.capacity * this.stride);
  }
}
