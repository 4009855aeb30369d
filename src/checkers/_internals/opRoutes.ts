/**
 * Which checkers read which op kind, looked up by an op's `f` and `type` (no string is built per
 * op). A sink hands each op only to the checkers that declared its kind, in the checkers' order.
 */
import type { HistoryOp } from "../../history/types";
import type { HistoryChecker } from "../historyChecker";

export class OpRoutes {
  /** f → type → the checkers that read such ops. */
  private readonly byF = new Map<string, Map<string, HistoryChecker[]>>();

  constructor(checkers: readonly HistoryChecker[]) {
    for (const checker of checkers) {
      for (const kind of checker.kinds) this.route(kind, checker);
    }
  }

  /** The checkers that read `op`, in the order given; undefined when none does. */
  checkersOf(op: HistoryOp): readonly HistoryChecker[] | undefined {
    return this.byF.get(op.f)?.get(op.type);
  }

  private route(kind: string, checker: HistoryChecker): void {
    const [f = "", type = ""] = kind.split(":");
    let byType = this.byF.get(f);
    if (byType === undefined) this.byF.set(f, (byType = new Map()));
    const checkers = byType.get(type);
    if (checkers === undefined) byType.set(type, [checker]);
    else if (!checkers.includes(checker)) checkers.push(checker);
  }
}
