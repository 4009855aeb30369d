/**
 * Purgatories list a waiting request under every partition it waits on, and remove it only from
 * the partition that completes it: elsewhere it lingers, done, until that partition wakes, and an
 * idle one may never wake. Lists this long are cleared of done requests before they grow (Kafka's
 * purgatories purge completed operations the same way).
 */
export const PURGE_AT_LENGTH = 16;

/** Removes the done entries of `list` in place, keeping the order of the others. */
export function purgeDone(list: { readonly done: boolean }[]): void {
  let kept = 0;
  for (const entry of list) if (!entry.done) list[kept++] = entry;
  list.length = kept;
}
