/**
 * Kafka configs ksim knows of but does not model, with why. Writing one is an error that says so:
 * accepted, such a key would be silently ignored, and the run would not be the Kafka it claims.
 */
export const UNMODELLED_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  producer: {
    "max.request.size":
      "is not modelled: ksim's records are tens of bytes and no request or record size limit is " +
      "enforced (nor the broker's message.max.bytes), so a RecordTooLargeException can never happen; remove it",
  },
};

/** Why `key` is not modelled for this config kind, if ksim knows it as such. */
export function unmodelledReason(kind: string, key: string): string | undefined {
  return UNMODELLED_KEYS[kind]?.[key];
}
