/**
 * One text value of a parsed form body, query string or JSON body: the first of repeated values,
 * "" when absent or not text, so odd input never reaches a service as an array or object.
 */
export function formText(source: unknown, name: string): string {
  if (typeof source !== "object" || source === null) return "";
  const raw = (source as Record<string, unknown>)[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === "string" ? value : "";
}

/** A field that may repeat (checkboxes, multi-selects), as its text values; [] when absent. */
export function formList(source: unknown, name: string): string[] {
  if (typeof source !== "object" || source === null) return [];
  const raw = (source as Record<string, unknown>)[name];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values.filter((value): value is string => typeof value === "string");
}
