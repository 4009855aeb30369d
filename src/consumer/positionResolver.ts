/**
 * Where a newly assigned partition starts: the group's committed offset (OffsetFetch to the
 * coordinator), or — with none, or when the position falls outside the log — auto.offset.reset:
 * earliest / latest (ListOffsets to the leader) or none (the partition is not read: Kafka throws
 * NoOffsetForPartitionException to the application).
 */
import type { TopicPartition } from "../history/types";
import type { NodeContext } from "../kernel/node";
import type { ListOffsetsRequest, ListOffsetsResponse } from "../protocol/dataMessages";
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from "../protocol/dataMessages";
import type { OffsetFetchRequest, OffsetFetchResponse } from "../protocol/groupMessages";
import type { ConsumerMetadata } from "./consumerMetadata";
import type { ConsumerSettings } from "./consumerSettings";
import type { CoordinatorLocator } from "./coordinatorLocator";
import type { RequestTracker } from "./requestTracker";

export interface ResolvedPosition {
  readonly tp: TopicPartition;
  readonly offset: number;
  /** The leader epoch committed with the offset (KIP-320): the position is validated against it. */
  readonly offsetEpoch: number | null;
  /** The committed offset the coordinator returned, or null when there was none. */
  readonly committed: number | null;
  /** The history's length when the coordinator was asked (see Resume.askedIndex). */
  readonly askedIndex: number;
}

export class PositionResolver {
  /** Bumped on every new assignment: answers for an older one are ignored. */
  private epoch = 0;

  constructor(
    private readonly ctx: NodeContext<unknown>,
    private readonly tracker: RequestTracker,
    private readonly locator: CoordinatorLocator,
    private readonly metadata: ConsumerMetadata,
    private readonly settings: ConsumerSettings,
    /** The history's current length: when a question is asked. */
    private readonly historyIndex: () => number,
    private readonly onResolved: (resolved: ResolvedPosition) => void,
  ) {}

  /** A new assignment: look up the committed offsets of `partitions`. */
  resolve(partitions: readonly TopicPartition[]): void {
    const epoch = ++this.epoch;
    if (partitions.length > 0) this.fetchCommitted(partitions, epoch);
  }

  /** The assignment was revoked: whatever is being resolved no longer matters. */
  cancel(): void {
    this.epoch++;
  }

  /** auto.offset.reset for one partition of the current assignment (`committed` as learned at `askedIndex`). */
  reset(tp: TopicPartition, committed: number | null, askedIndex: number): void {
    this.listOffsets(tp, committed, askedIndex, this.epoch);
  }

  private fetchCommitted(partitions: readonly TopicPartition[], epoch: number): void {
    this.locator.withCoordinator((coordinator) => {
      if (epoch !== this.epoch) return;
      const askedIndex = this.historyIndex();
      this.tracker.send<OffsetFetchResponse>(
        coordinator,
        (correlationId): OffsetFetchRequest => ({
          type: "OffsetFetchRequest",
          correlationId,
          groupId: this.settings.group,
          partitions,
        }),
        "OffsetFetchResponse",
        this.settings.config.requestTimeoutMs,
        (response) => this.onCommitted(coordinator, partitions, epoch, askedIndex, response),
        () => this.retryFetchCommitted(coordinator, partitions, epoch),
      );
    });
  }

  private onCommitted(
    coordinator: string,
    partitions: readonly TopicPartition[],
    epoch: number,
    askedIndex: number,
    response: OffsetFetchResponse,
  ): void {
    if (epoch !== this.epoch) return;
    if (response.error !== "NONE") return this.retryFetchCommitted(coordinator, partitions, epoch);
    for (const committed of response.partitions) {
      const tp = { topic: committed.topic, partition: committed.partition };
      if (committed.offset >= 0)
        this.onResolved({ tp, offset: committed.offset, offsetEpoch: committed.leaderEpoch ?? null, committed: committed.offset, askedIndex });
      else this.listOffsets(tp, null, askedIndex, epoch);
    }
  }

  private retryFetchCommitted(
    coordinator: string,
    partitions: readonly TopicPartition[],
    epoch: number,
  ): void {
    this.locator.markUnknown(coordinator);
    this.ctx.setTimer(this.settings.config.retryBackoffMs, () => {
      if (epoch === this.epoch) this.fetchCommitted(partitions, epoch);
    });
  }

  private listOffsets(tp: TopicPartition, committed: number | null, askedIndex: number, epoch: number): void {
    const policy = this.settings.config.autoOffsetReset;
    if (policy === "none") {
      this.ctx.trace("consumer-no-offset", {
        group: this.settings.group,
        partition: `${tp.topic}-${tp.partition}`,
      });
      return;
    }
    const leader = this.metadata.leaderOf(tp.topic, tp.partition);
    if (leader?.leader == null) return this.retryListOffsets(tp, committed, askedIndex, epoch);
    const timestamp = policy === "earliest" ? EARLIEST_TIMESTAMP : LATEST_TIMESTAMP;
    this.tracker.send<ListOffsetsResponse>(
      leader.leader,
      (correlationId): ListOffsetsRequest => ({
        type: "ListOffsetsRequest",
        correlationId,
        partitions: [
          { topic: tp.topic, partition: tp.partition, timestamp, currentLeaderEpoch: leader.leaderEpoch },
        ],
      }),
      "ListOffsetsResponse",
      this.settings.config.requestTimeoutMs,
      (response) => {
        if (epoch !== this.epoch) return;
        const answer = response.partitions[0];
        if (answer === undefined || answer.error !== "NONE")
          return this.retryListOffsets(tp, committed, askedIndex, epoch);
        this.onResolved({ tp, offset: answer.offset, offsetEpoch: null, committed, askedIndex });
      },
      () => this.retryListOffsets(tp, committed, askedIndex, epoch),
    );
  }

  /** The leader is unknown or stale: refresh metadata, and ask again after retry.backoff.ms. */
  private retryListOffsets(tp: TopicPartition, committed: number | null, askedIndex: number, epoch: number): void {
    this.metadata.refresh();
    this.ctx.setTimer(this.settings.config.retryBackoffMs, () => {
      if (epoch === this.epoch) this.listOffsets(tp, committed, askedIndex, epoch);
    });
  }
}
