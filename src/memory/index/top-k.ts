/** The `k` first items of `items` in `order`, sorted; a bounded heap keeps it O(n log k) for long inputs. */
export function topK<T>(items: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (items.length <= k * 4) return [...items].sort(order).slice(0, k);
  const heap: T[] = [];
  const worse = (i: number, j: number) => order(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      continue;
    }
    if (order(item, heap[0]!) >= 0) continue;
    heap[0] = item;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(l, top)) top = l;
      if (r < heap.length && worse(r, top)) top = r;
      if (top === i) break;
      swap(i, top);
      i = top;
    }
  }
  return heap.sort(order);
}

/** The `limit` first items the predicate accepts: it runs on a few times `limit` first items, and on all only if too few pass. */
export function filteredTopK<T>(items: readonly T[], limit: number, order: (a: T, b: T) => number, accept?: (item: T) => boolean): T[] {
  if (!accept) return topK(items, limit, order);
  const head = topK(items, Math.max(64, limit * 4), order);
  const passed = head.filter(accept);
  if (passed.length >= limit || head.length === items.length) return passed.slice(0, limit);
  return topK(items.filter(accept), limit, order);
}

/**
 * The `limit` slots below `count` with the highest scores (ties by key) whose key is defined and accepted, best first: the same
 * result as `filteredTopK` over those slots, by bounded heaps that compare scores before anything else.
 */
export function topScored(
  scores: Float32Array,
  keys: ReadonlyArray<string | undefined>,
  count: number,
  limit: number,
  accept: (key: string) => boolean,
): number[] {
  if (limit <= 0) return [];
  const head = boundedTop(scores, keys, count, Math.max(64, limit * 4));
  const passed = head.slots.filter((slot) => accept(keys[slot]!));
  if (passed.length >= limit || head.all) return passed.slice(0, limit);
  return boundedTop(scores, keys, count, limit, accept).slots;
}

function boundedTop(
  scores: Float32Array,
  keys: ReadonlyArray<string | undefined>,
  count: number,
  size: number,
  accept?: (key: string) => boolean,
): { slots: number[]; all: boolean } {
  const heap: number[] = [];
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && keys[a]! > keys[b]!);
  let floor = -Infinity;
  for (let slot = 0; slot < count; slot++) {
    const score = scores[slot]!;
    if (score < floor) continue;
    const key = keys[slot];
    if (key === undefined || (heap.length === size && !worse(heap[0]!, slot)) || (accept && !accept(key))) continue;
    if (heap.length < size) {
      heap.push(slot);
      for (let i = heap.length - 1, up = (i - 1) >> 1; i > 0 && worse(heap[i]!, heap[up]!); i = up, up = (i - 1) >> 1) {
        [heap[i], heap[up]] = [heap[up]!, heap[i]!];
      }
    } else {
      heap[0] = slot;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        let top = i;
        if (l < size && worse(heap[l]!, heap[top]!)) top = l;
        if (l + 1 < size && worse(heap[l + 1]!, heap[top]!)) top = l + 1;
        if (top === i) break;
        [heap[i], heap[top]] = [heap[top]!, heap[i]!];
        i = top;
      }
    }
    if (heap.length === size) floor = scores[heap[0]!]!;
  }
  const all = heap.length < size;
  return { slots: heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)), all };
}
