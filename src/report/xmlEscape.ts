/** Escaping for XML text and attribute values (JUnit). */

const XML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(text: string): string {
  return withoutInvalidXmlChars(text).replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}

/** XML 1.0 cannot hold most C0 controls, U+FFFE/U+FFFF or lone surrogates, even escaped: each becomes U+FFFD. */
function withoutInvalidXmlChars(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
    out += control || loneSurrogate || code === 0xfffe || code === 0xffff ? "\uFFFD" : char;
  }
  return out;
}
