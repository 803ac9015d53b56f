/** Centres the word vectors on their mean, which removes the shared frequency direction (better SIF averages on LoCoMo than also removing top components). */
export function postProcess(vectors: Float32Array, count: number, dim: number): Float32Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) mean[d]! += vectors[i * dim + d]! / count;
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) vectors[i * dim + d]! -= mean[d]!;
  return vectors;
}

/** Symmetric per-row int8 quantisation. */
export function quantise(vectors: Float32Array, count: number, dim: number): { codes: Int8Array; scales: Float32Array } {
  const codes = new Int8Array(count * dim);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(vectors[i * dim + d]!));
    const scale = max / 127 || 1;
    scales[i] = scale;
    for (let d = 0; d < dim; d++) codes[i * dim + d] = Math.round(vectors[i * dim + d]! / scale);
  }
  return { codes, scales };
}
