/**
 * "Did you mean …?" for misspelt names. Names are compared after folding case and the
 * separators people mix up (`min_insync_replicas`, `minInsyncReplicas`, `min-insync-replicas` all
 * fold to `min.insync.replicas`), then by edit distance with adjacent swaps counting as one edit.
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => table[i * cols + j]!;
  for (let i = 0; i < rows; i++) table[i * cols] = i;
  for (let j = 0; j < cols; j++) table[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      table[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

function fold(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1.$2")
    .toLowerCase()
    .replace(/[-_\s]/g, ".");
}

/** The closest candidate, or undefined when nothing is close enough to be a plausible typo. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const folded = fold(input);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(folded, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the name may be wrong, but at least one edit is always allowed.
  const distanceMax = Math.max(1, Math.floor(folded.length / 3));
  return bestDistance <= distanceMax ? best : undefined;
}

/** ` (did you mean "acks"?)`, or an empty string when there is no good guess. */
export function didYouMeanSuffix(input: string, candidates: readonly string[]): string {
  const guess = didYouMean(input, candidates);
  return guess === undefined ? "" : ` (did you mean "${guess}"?)`;
}
