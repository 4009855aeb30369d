/**
 * Numbers each sender's successive connections on a link, per channel: a connection ends when its
 * client closes it or a lost message breaks it, and the next one opens with its next message. Only
 * what a partition keeps needs the numbers (see PartitionBacklog); counting goes on all the time.
 */
export class ConnectionNumbers {
  /** Link key → channel → how many connections there have ended so far. */
  private readonly ended = new Map<number, Map<string, number>>();
  /**
   * Link key → the channels whose current connection has carried nothing yet: its first message
   * opens it. Empty but for the moments after a connection ends.
   */
  private readonly unopened = new Map<number, Set<string>>();

  get anyUnopened(): boolean {
    return this.unopened.size > 0;
  }

  /** The connection on `channel` of link `key` that a message sent now rides. */
  current(key: number, channel: string): number {
    return this.ended.get(key)?.get(channel) ?? 0;
  }

  /** The current connection ended: the next one on the channel is new, and not yet opened. */
  end(key: number, channel: string): void {
    let ended = this.ended.get(key);
    if (ended === undefined) this.ended.set(key, (ended = new Map()));
    ended.set(channel, (ended.get(channel) ?? 0) + 1);
    let unopened = this.unopened.get(key);
    if (unopened === undefined) this.unopened.set(key, (unopened = new Set()));
    unopened.add(channel);
  }

  /** A message goes out on `channel`: whether it is the first on its connection (which it opens). */
  open(key: number, channel: string): boolean {
    const unopened = this.unopened.get(key);
    if (unopened === undefined || !unopened.delete(channel)) return false;
    if (unopened.size === 0) this.unopened.delete(key);
    return true;
  }
}
