/**
 * One consumer instance (`consumer-<group>-<k>`): Kafka's KafkaConsumer and the application loop
 * around it. The loop polls, processes the batch per the group's strategy, and polls again until
 * the stop time, then closes. poll() does what Kafka's does: rejoin the group if needed (eager:
 * commit first when auto-committing, revoke everything, join, assign), auto-commit when the
 * interval has passed, return buffered records (at most max.poll.records) or fetch and wait.
 * Heartbeats run beside all of this (HeartbeatThread), as Kafka's heartbeat thread does.
 */
import type { HistoryRecorder } from "../history/recorder";
import type { OffsetAt, ReadRecord, TopicPartition } from "../history/types";
import {
  type ConnectionClosed,
  CONNECTION_CLOSED_MESSAGE,
  type Message,
  type NodeContext,
  type SimNode,
  type TimerHandle,
} from "../kernel/node";
import { msToMicros, type Micros } from "../kernel/time";
import { closedChannel } from "../protocol/connectionChannel";
import { partitionKey } from "../protocol/metadata";
import { repeatEvery } from "../kernel/repeatEvery";
import { metadataRefreshPeriodMs } from "../protocol/metadataRefreshPeriod";
import type { ConsumerSink } from "../workload/consumerSink";
import { BatchProcessor } from "./batchProcessor";
import { ConsumerMetadata } from "./consumerMetadata";
import type { ConsumerSettings } from "./consumerSettings";
import { CoordinatorLocator } from "./coordinatorLocator";
import { Fetcher } from "./fetcher";
import { GroupMember } from "./groupMember";
import { HeartbeatThread } from "./heartbeatThread";
import { OffsetCommitter } from "./offsetCommitter";
import { PositionResolver, type ResolvedPosition } from "./positionResolver";
import { RequestTracker } from "./requestTracker";

/** The application's poll(Duration) timeout: an empty poll returns after this long. */
export const POLL_TIMEOUT_MS = 1000;
/** Requests a consumer may have out at once: per-leader fetches and resets, plus a few group calls. */
const IN_FLIGHT_MAX = 256;

interface Assignment {
  readonly generation: number;
  readonly partitions: readonly TopicPartition[];
}

/** A committed offset the consumer learned, and the history's length when it asked or learned it. */
interface KnownCommitted {
  readonly offset: number | null;
  readonly askedIndex: number;
}

export class ConsumerNode implements SimNode {
  private readonly tracker: RequestTracker;
  private readonly metadata: ConsumerMetadata;
  private readonly locator: CoordinatorLocator;
  private readonly member: GroupMember;
  private readonly heartbeat: HeartbeatThread;
  private readonly fetcher: Fetcher;
  private readonly resolver: PositionResolver;
  private readonly committer: OffsetCommitter;
  private readonly processor: BatchProcessor;
  private assignment: Assignment | undefined;
  /**
   * Partition → the committed offset this instance last learned (fetched, or committed itself),
   * with the history's length when it learned it.
   */
  private readonly committed = new Map<string, KnownCommitted>();
  private pollWait: TimerHandle | undefined;
  /** The commit before a rebalance is out (joining itself is the member's state). */
  private preparingRebalance = false;
  private nextAutoCommitUs: Micros = 0;
  /** At most one auto-commit out at a time (a stuck coordinator lookup must not pile them up). */
  private autoCommitInFlight = false;
  private stopping = false;

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly settings: ConsumerSettings,
    private readonly recorder: HistoryRecorder,
    sink: ConsumerSink,
  ) {
    const config = settings.config;
    const brokerIds = settings.brokerIds;
    this.tracker = new RequestTracker(ctx, IN_FLIGHT_MAX);
    const timeouts = { requestTimeoutMs: config.requestTimeoutMs, retryBackoffMs: config.retryBackoffMs };
    this.metadata = new ConsumerMetadata(ctx, this.tracker, { brokerIds, ...timeouts }, settings.topics);
    this.locator = new CoordinatorLocator(ctx, this.tracker, {
      group: settings.group,
      brokerIds,
      ...timeouts,
    });
    this.member = new GroupMember(ctx, this.tracker, this.locator, this.metadata, settings, () =>
      this.wake(),
    );
    this.heartbeat = new HeartbeatThread(ctx, this.tracker, this.locator, this.member, settings, () =>
      this.wake(),
    );
    this.fetcher = new Fetcher(ctx, this.tracker, this.metadata, config, {
      onFetchDone: () => this.wake(),
      onOutOfRange: (tp) => this.resetPosition(tp),
      onTruncated: (tp, offset) => this.onTruncated(tp, offset),
    });
    this.resolver = new PositionResolver(
      ctx,
      this.tracker,
      this.locator,
      this.metadata,
      settings,
      () => recorder.length,
      (resolved) => this.onResolved(resolved),
    );
    this.committer = new OffsetCommitter(
      ctx,
      this.tracker,
      this.locator,
      this.member,
      recorder,
      settings,
      (offsets) => this.noteCommitted(offsets),
      (at) => this.fetcher.positionEpochAt(at, at.offset),
    );
    this.processor = new BatchProcessor(ctx, settings, recorder, sink, this.committer);
  }

  start(): void {
    this.nextAutoCommitUs = this.ctx.now() + msToMicros(this.settings.config.autoCommitIntervalMs);
    this.metadata.refresh();
    this.refreshMetadataPeriodically();
    this.heartbeat.start();
    this.ctx.setTimer(0, () => this.loop());
  }

  /**
   * metadata.max.age.ms: a consumer learns of a leader change even when no fetch fails, as when it
   * fetches nothing from that partition while it works through buffered records. The next poll
   * then validates positions under the new leader (KIP-320).
   */
  private refreshMetadataPeriodically(): void {
    repeatEvery(this.ctx, metadataRefreshPeriodMs(this.settings.config), () => {
      if (this.stopping) return false; // a closed consumer asks for nothing more
      this.metadata.refresh(this.onMetadataRefreshed);
    });
  }

  /** One function, so a periodic refresh waits for its answer at most once. */
  private readonly onMetadataRefreshed = (): void => this.wake();

  onMessage(from: string, message: Message): void {
    if (message.type === CONNECTION_CLOSED_MESSAGE.type) {
      // A killed peer or a broken connection: fail what is out on it now, and if that was the
      // coordinator's connection, look the coordinator up again.
      const channel = closedChannel(message as ConnectionClosed);
      if (channel !== "data") this.locator.markUnknown(from);
      this.tracker.disconnect(from, channel);
      return;
    }
    this.tracker.deliver(message);
  }

  /** Kafka's seek: the next poll returns `offset` onward (a resume point in the history). */
  seek(tp: TopicPartition, offset: number): void {
    if (this.fetcher.position(tp) === null && !this.isAssigned(tp)) return;
    this.fetcher.seek(tp, offset);
    this.recordResume(tp, offset, this.knownCommitted(tp));
  }

  private knownCommitted(tp: TopicPartition): KnownCommitted {
    return this.committed.get(partitionKey(tp.topic, tp.partition)) ?? { offset: null, askedIndex: this.recorder.length };
  }

  // ---- the application loop -----------------------------------------------------------------

  private loop(): void {
    if (this.stopping) return;
    if (this.ctx.now() >= this.settings.stopAtUs) return this.close();
    this.poll();
  }

  private poll(): void {
    this.heartbeat.notePoll();
    if (this.member.state === "failed") return this.waitForRecords();
    if (this.member.needsRejoin) {
      this.startRebalance();
      return this.waitForRecords();
    }
    this.maybeAutoCommit();
    if (this.returnBuffered()) return;
    this.fetcher.sendFetches();
    this.waitForRecords();
  }

  private waitForRecords(): void {
    this.pollWait = this.ctx.setTimer(POLL_TIMEOUT_MS, () => {
      this.pollWait = undefined;
      this.loop();
    });
  }

  /** Something a waiting poll cares about happened: records, a finished rebalance, a rejoin request. */
  private wake(): void {
    if (this.pollWait === undefined || this.rebalancing) return;
    if (!this.member.needsRejoin && !this.fetcher.hasBuffered()) return this.fetcher.sendFetches();
    this.ctx.cancelTimer(this.pollWait);
    this.pollWait = undefined;
    this.poll();
  }

  private returnBuffered(): boolean {
    const assignment = this.assignment;
    if (assignment === undefined) return false;
    const records = this.fetcher.take(this.settings.config.maxPollRecords);
    if (records.length === 0) return false;
    this.recordPoll(assignment.generation, records);
    this.fetcher.sendFetches(); // prefetch while the application processes
    this.processor.handle(records, assignment.generation, () => this.ctx.setTimer(0, () => this.loop()));
    return true;
  }

  private maybeAutoCommit(): void {
    if (!this.settings.config.enableAutoCommit || this.ctx.now() < this.nextAutoCommitUs) return;
    this.nextAutoCommitUs = this.ctx.now() + msToMicros(this.settings.config.autoCommitIntervalMs);
    const offsets = this.consumedOffsets();
    if (offsets.length === 0 || this.member.stableMembership() === undefined || this.autoCommitInFlight)
      return;
    this.autoCommitInFlight = true;
    this.committer.commitAsync(offsets, () => {
      this.autoCommitInFlight = false;
    });
  }

  /** Closes at the stop time: a last auto-commit, then revoke and LeaveGroup. */
  private close(): void {
    this.stopping = true;
    this.ctx.cancelTimer(this.pollWait);
    this.pollWait = undefined;
    const finish = (): void => {
      this.revoke();
      this.member.leave("consumer closed");
      this.member.stop();
      this.heartbeat.stop();
      this.ctx.trace("consumer-closed", { group: this.settings.group });
    };
    this.commitConsumedIfAutoCommit(finish);
  }

  // ---- rebalance ----------------------------------------------------------------------------

  /** Eager rebalance: commit what was consumed (auto-commit only), revoke everything, then join. */
  private startRebalance(): void {
    if (this.rebalancing) return;
    this.preparingRebalance = true;
    this.commitConsumedIfAutoCommit(() => {
      this.preparingRebalance = false;
      this.revoke();
      // A join abandoned midway (a commit or heartbeat answer reset the generation) never calls
      // back; the member is then unjoined again and the next poll starts over.
      this.member.join((generation, partitions) => {
        this.assign(generation, partitions);
        this.wake();
      });
    });
  }

  private get rebalancing(): boolean {
    const state = this.member.state;
    return this.preparingRebalance || state === "joining" || state === "syncing";
  }

  private commitConsumedIfAutoCommit(then: () => void): void {
    const offsets = this.consumedOffsets();
    const canCommit = this.settings.config.enableAutoCommit && this.member.stableMembership() !== undefined;
    if (canCommit && offsets.length > 0) this.committer.commitSync(offsets, then);
    else then();
  }

  private revoke(): void {
    const assignment = this.assignment;
    if (assignment === undefined) return;
    this.assignment = undefined;
    this.fetcher.clear();
    this.resolver.cancel();
    this.recordMembershipChange("revoke", assignment);
  }

  private assign(generation: number, partitions: readonly TopicPartition[]): void {
    const assignment = { generation, partitions };
    this.assignment = assignment;
    this.recordMembershipChange("assign", assignment);
    this.fetcher.assign(partitions);
    this.resolver.resolve(partitions);
  }

  private onResolved({ tp, offset, offsetEpoch, committed, askedIndex }: ResolvedPosition): void {
    if (!this.isAssigned(tp)) return;
    const known = { offset: committed, askedIndex };
    this.committed.set(partitionKey(tp.topic, tp.partition), known);
    this.fetcher.seek(tp, offset, offsetEpoch);
    this.recordResume(tp, offset, known);
    this.wake();
  }

  /** KIP-320 found the leader's log diverging below the position: it moved back to `offset` (or, with no reset policy, is unset). */
  private onTruncated(tp: TopicPartition, offset: number | null): void {
    this.ctx.trace("consumer-log-truncation", {
      group: this.settings.group,
      partition: partitionKey(tp.topic, tp.partition),
      ...(offset === null ? { unset: true } : { offset }),
    });
    if (offset !== null) this.recordResume(tp, offset, this.knownCommitted(tp));
    this.wake();
  }

  private resetPosition(tp: TopicPartition): void {
    this.fetcher.unsetPosition(tp);
    const known = this.knownCommitted(tp);
    this.resolver.reset(tp, known.offset, known.askedIndex);
  }

  private noteCommitted(offsets: readonly OffsetAt[]): void {
    const askedIndex = this.recorder.length;
    for (const at of offsets) this.committed.set(partitionKey(at.topic, at.partition), { offset: at.offset, askedIndex });
  }

  private consumedOffsets(): OffsetAt[] {
    return this.fetcher
      .positions()
      .map(({ tp, offset }) => ({ topic: tp.topic, partition: tp.partition, offset }));
  }

  private isAssigned(tp: TopicPartition): boolean {
    return (
      this.assignment?.partitions.some((p) => p.topic === tp.topic && p.partition === tp.partition) ?? false
    );
  }

  // ---- history ------------------------------------------------------------------------------

  /** Only polls that return records are recorded; the invoke is stamped when they return. */
  private recordPoll(generation: number, records: readonly ReadRecord[]): void {
    const { group } = this.settings;
    const id = this.recorder.newOpId();
    this.recorder.record({ f: "poll", type: "invoke", client: this.ctx.id, id, group });
    this.recorder.record({
      f: "poll",
      type: "ok",
      client: this.ctx.id,
      id,
      group,
      generation,
      drain: false,
      records,
    });
  }

  private recordMembershipChange(f: "assign" | "revoke", assignment: Assignment): void {
    const { group } = this.settings;
    const { generation, partitions } = assignment;
    this.recorder.record({
      f,
      type: "ok",
      client: this.ctx.id,
      id: this.recorder.newOpId(),
      group,
      generation,
      partitions,
    });
  }

  private recordResume(tp: TopicPartition, offset: number, known: KnownCommitted): void {
    const { group } = this.settings;
    const generation = this.assignment?.generation ?? -1;
    const { topic, partition } = tp;
    this.recorder.record({
      f: "resume",
      type: "ok",
      client: this.ctx.id,
      id: this.recorder.newOpId(),
      group,
      generation,
      topic,
      partition,
      offset,
      committed: known.offset,
      askedIndex: known.askedIndex,
    });
  }
}
