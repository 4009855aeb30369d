/** Small helpers for the one-sentence messages violations carry. */

/** "a", "a and b", "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}

/** Up to `shownMax` items, then "and N more". */
export function listSome(items: readonly string[], total: number, shownMax: number): string {
  const shown = items.slice(0, shownMax);
  const hidden = total - shown.length;
  return hidden > 0 ? `${shown.join(", ")} and ${hidden} more` : joinWithAnd(shown);
}

export function plural(count: number, singular: string, several = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : several}`;
}
