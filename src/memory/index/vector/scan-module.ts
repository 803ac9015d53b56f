/*
 * The exact-scan WebAssembly module, hand-encoded below (the bytes are built when asked for, never at import):
 *
 * (module
 *   (import "env" "memory" (memory 1))
 *   (func (export "scores") (param $pool i32) (param $count i32) (param $stride i32) (param $query i32) (param $out i32)
 *     (local $rowEnd i32) (local $q i32) (local $outEnd i32) (local $acc0 v128) (local $acc1 v128)
 *     ;; $stride is in floats and a multiple of 4; every row and the query are zero-padded up to it.
 *     (local.set $outEnd (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))))
 *     (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
 *     (block $done
 *       (br_if $done (i32.ge_u (local.get $out) (local.get $outEnd)))
 *       (loop $rows
 *         (local.set $rowEnd (i32.add (local.get $pool) (local.get $stride)))
 *         (local.set $q (local.get $query))
 *         (local.set $acc0 (v128.const i32x4 0 0 0 0))
 *         (local.set $acc1 (v128.const i32x4 0 0 0 0))
 *         (block $pairsDone
 *           (loop $pairs
 *             (br_if $pairsDone (i32.gt_u (i32.add (local.get $pool) (i32.const 32)) (local.get $rowEnd)))
 *             (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (v128.load (local.get $pool)) (v128.load (local.get $q)))))
 *             (local.set $acc1 (f32x4.add (local.get $acc1)
 *               (f32x4.mul (v128.load offset=16 (local.get $pool)) (v128.load offset=16 (local.get $q)))))
 *             (local.set $pool (i32.add (local.get $pool) (i32.const 32)))
 *             (local.set $q (i32.add (local.get $q) (i32.const 32)))
 *             (br $pairs)))
 *         (if (i32.lt_u (local.get $pool) (local.get $rowEnd))
 *           (then
 *             (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (v128.load (local.get $pool)) (v128.load (local.get $q)))))
 *             (local.set $pool (local.get $rowEnd))))
 *         (local.set $acc0 (f32x4.add (local.get $acc0) (local.get $acc1)))
 *         (f32.store (local.get $out)
 *           (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $acc0)) (f32x4.extract_lane 1 (local.get $acc0)))
 *             (f32x4.extract_lane 2 (local.get $acc0))) (f32x4.extract_lane 3 (local.get $acc0))))
 *         (br_if $rows (i32.lt_u (local.tee $out (i32.add (local.get $out) (i32.const 4))) (local.get $outEnd)))))))
 */

const [POOL, COUNT, STRIDE, QUERY, OUT, ROW_END, Q, OUT_END, ACC0, ACC1] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const [I32, V128] = [0x7f, 0x7b];
const [BLOCK, LOOP, IF, END] = [[0x02, 0x40], [0x03, 0x40], [0x04, 0x40], [0x0b]];
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];
const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const tee = (local: number) => [0x22, local];
const i32 = (value: number) => [0x41, ...uleb(value)];
const [ADD, SHL, LT_U, GT_U, GE_U, F32_ADD] = [[0x6a], [0x74], [0x49], [0x4b], [0x4f], [0x92]];
const f32Store = [0x38, 2, 0];
const load = (offset: number) => [0xfd, 0x00, 4, offset];
const [F32X4_ADD, F32X4_MUL] = [
  [0xfd, 0xe4, 0x01],
  [0xfd, 0xe6, 0x01],
];
const lane = (n: number) => [...get(ACC0), 0xfd, 0x1f, n];
const zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const madd = (acc: number, offset: number) => [
  ...get(acc),
  ...get(POOL),
  ...load(offset),
  ...get(Q),
  ...load(offset),
  ...F32X4_MUL,
  ...F32X4_ADD,
  ...set(acc),
];

/** Unsigned LEB128 (the i32 constants used here are small and positive, so it also serves them). */
function uleb(value: number): number[] {
  const out: number[] = [];
  for (; value >= 0x40; value = Math.floor(value / 0x80)) out.push((value % 0x80) | 0x80);
  return [...out, value];
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (text: string) => vec([...text].map((c) => [c.charCodeAt(0)]));

/** The bytes of the module above: one import (a memory) and one exported function, `scores`. */
export function scanModuleBytes(): Uint8Array {
  const code = [
    ...[...get(OUT), ...get(COUNT), ...i32(2), ...SHL, ...ADD, ...set(OUT_END)],
    ...[...get(STRIDE), ...i32(2), ...SHL, ...set(STRIDE)],
    ...[...BLOCK, ...get(OUT), ...get(OUT_END), ...GE_U, ...brIf(0)],
    ...[...LOOP, ...get(POOL), ...get(STRIDE), ...ADD, ...set(ROW_END), ...get(QUERY), ...set(Q)],
    ...[...zero, ...set(ACC0), ...zero, ...set(ACC1)],
    ...[...BLOCK, ...LOOP, ...get(POOL), ...i32(32), ...ADD, ...get(ROW_END), ...GT_U, ...brIf(1)],
    ...[...madd(ACC0, 0), ...madd(ACC1, 16)],
    ...[...get(POOL), ...i32(32), ...ADD, ...set(POOL), ...get(Q), ...i32(32), ...ADD, ...set(Q), ...br(0), ...END, ...END],
    ...[...get(POOL), ...get(ROW_END), ...LT_U, ...IF, ...madd(ACC0, 0), ...get(ROW_END), ...set(POOL), ...END],
    ...[...get(ACC0), ...get(ACC1), ...F32X4_ADD, ...set(ACC0)],
    ...[...get(OUT), ...lane(0), ...lane(1), ...F32_ADD, ...lane(2), ...F32_ADD, ...lane(3), ...F32_ADD, ...f32Store],
    ...[...get(OUT), ...i32(4), ...ADD, ...tee(OUT), ...get(OUT_END), ...LT_U, ...brIf(0), ...END, ...END, ...END],
  ];
  const body = [
    ...vec([
      [3, I32],
      [2, V128],
    ]),
    ...code,
  ];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0]])),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, 0x00, 1]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name("scores"), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}
