/**
 * Faults with a duration that overlap on one target: two pauses of one node, two link faults on
 * one link. The generator draws faults independently, so overlaps are common; each fault must
 * last as long as the schedule (and the report's fault bands) say. A node paused twice wakes when
 * the later pause ends; when one link fault ends, the link keeps the changes of those still in
 * force. The heal undoes all of them at once, and nothing here comes back after it.
 */
import type { Simulator } from "../kernel/simulator";
import { msToMicros, type Micros } from "../kernel/time";
import type { LinkConfig } from "../network/network";
import { linkKey } from "../network/linkKey";
import type { LinkFault, PauseFault } from "../scenario/faultSpec";

export class OverlappingFaults {
  /** Per paused node, when its last pause ends. */
  private readonly pauseEndsUs = new Map<string, Micros>();
  /** Per link, the link faults in force, in the order they struck. */
  private readonly linkFaults = new Map<number, LinkFault[]>();

  constructor(private readonly sim: Simulator) {}

  pause(fault: PauseFault): void {
    const sim = this.sim;
    const node = fault.node;
    const endUs = sim.nowUs() + msToMicros(fault.durationMs);
    // A pause a crash cut short is over: its end does not stretch this one.
    const laterEndUs = sim.isPaused(node) ? Math.max(this.pauseEndsUs.get(node) ?? 0, endUs) : endUs;
    this.pauseEndsUs.set(node, laterEndUs);
    sim.pause(node);
    sim.at(endUs, () => {
      const lastEndUs = this.pauseEndsUs.get(node);
      if (lastEndUs === undefined || lastEndUs > sim.nowUs()) return; // healed already, or paused longer
      this.pauseEndsUs.delete(node);
      sim.resume(node);
    });
  }

  link(fault: LinkFault): void {
    const from = this.sim.indexOf(fault.from);
    const to = this.sim.indexOf(fault.to);
    const key = linkKey(from, to);
    const active = this.linkFaults.get(key) ?? [];
    active.push(fault);
    this.linkFaults.set(key, active);
    this.applyLink(from, to, active);
    this.sim.after(fault.durationMs, () => {
      const index = active.indexOf(fault);
      if (this.linkFaults.get(key) !== active || index < 0) return; // healed already
      active.splice(index, 1);
      if (active.length === 0) this.linkFaults.delete(key);
      this.applyLink(from, to, active);
    });
  }

  /** The heal phase: the harness undoes every pause and link itself; forget them so none returns. */
  forget(): void {
    this.pauseEndsUs.clear();
    this.linkFaults.clear();
  }

  /** The link as the defaults changed by every fault in force, later faults over earlier ones. */
  private applyLink(from: number, to: number, active: readonly LinkFault[]): void {
    const network = this.sim.network;
    network.clearLink(from, to);
    for (const fault of active) network.setLink(from, to, linkChange(fault));
  }
}

function linkChange(fault: LinkFault): Partial<LinkConfig> {
  return {
    ...(fault.loss !== undefined ? { loss: fault.loss } : {}),
    ...(fault.duplicate !== undefined ? { duplicate: fault.duplicate } : {}),
    ...(fault.latencyMs !== undefined ? { latencyMinMs: fault.latencyMs.min, latencyMaxMs: fault.latencyMs.max } : {}),
  };
}
