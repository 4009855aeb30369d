/** Reading fields of a trace event's detail (a flat note, or the message object itself). */
import type { TraceEvent } from "../../kernel/trace";

export function fieldOf(event: TraceEvent, name: string): unknown {
  const detail = event.detail;
  return detail === undefined ? undefined : (detail as Record<string, unknown>)[name];
}

export function stringField(event: TraceEvent, name: string): string | undefined {
  const value = fieldOf(event, name);
  return typeof value === "string" ? value : undefined;
}

export function numberField(event: TraceEvent, name: string): number | undefined {
  const value = fieldOf(event, name);
  return typeof value === "number" ? value : undefined;
}

export function isMessageEvent(event: TraceEvent): boolean {
  return event.to !== undefined && (event.kind === "deliver" || event.kind.startsWith("drop:"));
}

/** The message type ("FetchRequest") of a message event. */
export function messageType(event: TraceEvent): string {
  return stringField(event, "type") ?? "message";
}
