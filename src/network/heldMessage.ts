/** A message the network keeps back for a while (a held link, or a partition), with whom it is between. */
export interface HeldMessage {
  readonly message: object;
  /**
   * The receiver's incarnation when the message was sent: it rides a connection to that process,
   * so a receiver restarted while the link was held never reads it (its kernel resets it).
   */
  readonly toIncarnation: number;
  /** The sender's incarnation when it sent the message: its host's kernel retransmits it. */
  readonly fromIncarnation: number;
  /** Which of its channel's successive connections on the link the message rode (see ConnectionNumbers). */
  readonly connection?: number;
}
