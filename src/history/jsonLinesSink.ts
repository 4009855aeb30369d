/** Streams the history to a file, one JSON object per line, as it is recorded. */
import * as fs from "node:fs";
import type { HistorySink } from "./recorder";
import type { HistoryOp } from "./types";

const FLUSH_BYTES = 1 << 16;

export class JsonLinesSink implements HistorySink {
  private readonly fd: number;
  private buffer = "";

  constructor(readonly path: string) {
    this.fd = fs.openSync(path, "w");
  }

  append(op: HistoryOp): void {
    this.buffer += JSON.stringify(op) + "\n";
    if (this.buffer.length >= FLUSH_BYTES) this.flush();
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    fs.writeSync(this.fd, this.buffer);
    this.buffer = "";
  }
}

/** Reads a JSON-lines history back, op by op, without loading the file's ops all at once. */
export function* readJsonLines(path: string): Generator<HistoryOp> {
  const text = fs.readFileSync(path, "utf8");
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line.length > 0) yield JSON.parse(line) as HistoryOp;
    start = end + 1;
  }
}
