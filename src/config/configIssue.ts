/**
 * A problem with one config block, addressed by a dotted field path such as
 * `producers[0].config.acks`. The scenario loader turns the path back into a YAML position, so an
 * issue also says whether it is about the key itself (an unknown name) or its value.
 */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
  /** "key" when the key's name is wrong; otherwise the issue is about the value. */
  readonly at?: "key" | "value";
}

/** `producers[0].config` + `acks` → `producers[0].config.acks`; an empty prefix gives the key alone. */
export function configKeyPath(prefix: string, key: string): string {
  return prefix === "" ? key : `${prefix}.${key}`;
}
