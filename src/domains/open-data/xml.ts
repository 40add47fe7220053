// Characters XML 1.0 cannot carry at all (entries never hold them; imported data might), and
// unpaired surrogates, which no encoder can write.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_SPECIAL = /[&<>"']/g;
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Text as XML character data or an attribute value: escaped, characters XML cannot hold dropped. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(XML_SPECIAL, (char) => ESCAPES[char] as string);
}
