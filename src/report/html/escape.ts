/**
 * HTML escaping for every string that comes from a scenario, a record or a message. Text and
 * attribute values both go through `escapeHtml`: it escapes the five characters that matter in
 * either place, so one helper is enough.
 */
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

/** A fragment id from arbitrary text: lowercase letters, digits and dashes only. */
export function slugOf(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "x" : slug;
}
