/**
 * Correlation ids for one incarnation of a requester. Kafka matches an answer to its request by
 * correlation id on one TCP connection, so an answer meant for an earlier incarnation of a client
 * dies with that incarnation's connections. The simulator addresses messages by node id: a client
 * restarted while a broker still held its old request (acks=all purgatory, a long-poll fetch, a
 * pending join) is handed the old answer, and with ids restarting at 1 it would take it for the
 * answer to its own request of the same id.
 *
 * So each incarnation starts its ids in a block drawn from the node's random stream, as Kafka
 * draws a broker's incarnation id: two incarnations share a block with probability 2^-32, and an
 * answer for an earlier one matches no request of the new one.
 */
import type { Rng } from "../kernel/rng";

/** Ids one incarnation may use before it could reach the next block. */
const BLOCK_IDS = 2 ** 20;
const BLOCKS = 2 ** 32;

export class CorrelationIds {
  private next: number;

  constructor(rng: Rng) {
    this.next = rng.int(0, BLOCKS - 1) * BLOCK_IDS + 1;
  }

  take(): number {
    return this.next++;
  }
}
