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
