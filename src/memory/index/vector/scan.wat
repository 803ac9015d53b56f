;; The exact-scan WebAssembly module behind simd-scan.ts: dot products of zero-padded float32 rows with one query, with f32x4.
;; Edit here, then `npm run build:wasm` regenerates the bytes embedded in scan-module.ts (a test checks they match).
(module
  (import "env" "memory" (memory 1))
  (func (export "scores") (param $pool i32) (param $count i32) (param $stride i32) (param $query i32) (param $out i32)
    (local $rowEnd i32) (local $q i32) (local $outEnd i32) (local $acc0 v128) (local $acc1 v128)
    ;; $stride is in floats and a multiple of 4; every row and the query are zero-padded up to it.
    (local.set $outEnd (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $stride (i32.shl (local.get $stride) (i32.const 2)))
    (block $done
      (br_if $done (i32.ge_u (local.get $out) (local.get $outEnd)))
      (loop $rows
        (local.set $rowEnd (i32.add (local.get $pool) (local.get $stride)))
        (local.set $q (local.get $query))
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        ;; Two f32x4 lanes (8 floats) per step, then at most one more lane group.
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $pool) (i32.const 32)) (local.get $rowEnd)))
            (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (v128.load (local.get $pool)) (v128.load (local.get $q)))))
            (local.set $acc1 (f32x4.add (local.get $acc1)
              (f32x4.mul (v128.load offset=16 (local.get $pool)) (v128.load offset=16 (local.get $q)))))
            (local.set $pool (i32.add (local.get $pool) (i32.const 32)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br $pairs)))
        (if (i32.lt_u (local.get $pool) (local.get $rowEnd))
          (then
            (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (v128.load (local.get $pool)) (v128.load (local.get $q)))))
            (local.set $pool (local.get $rowEnd))))
        (local.set $acc0 (f32x4.add (local.get $acc0) (local.get $acc1)))
        (f32.store (local.get $out)
          (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $acc0)) (f32x4.extract_lane 1 (local.get $acc0)))
            (f32x4.extract_lane 2 (local.get $acc0))) (f32x4.extract_lane 3 (local.get $acc0))))
        (br_if $rows (i32.lt_u (local.tee $out (i32.add (local.get $out) (i32.const 4))) (local.get $outEnd)))))))
