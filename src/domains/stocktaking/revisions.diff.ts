import {
  ENTRY_FIELDS,
  ENTRY_LIST_FIELDS,
  type EntryDraft,
  type EntryField,
  imageDiffItem,
  toImageRefs,
  toTranslations,
  translationDiffItem,
} from "./entry-fields.ts";

type Item = string | number;

/** One changed field between two revisions. */
export type FieldChange =
  | {
      field: EntryField;
      kind: "value";
      /** `null` when the field was empty before (an addition). */
      before: Item | null;
      /** `null` when the field is empty now (a removal). */
      after: Item | null;
    }
  | {
      field: EntryField;
      kind: "list";
      removed: Item[];
      added: Item[];
      /** Items present on both sides, so a reader sees what stayed. */
      kept: Item[];
    };

function scalarOf(draft: EntryDraft | null, field: EntryField): Item | null {
  const value = draft ? (draft[field] as unknown) : null;
  if (value === null || value === undefined || value === "") return null;
  return typeof value === "number" ? value : String(value);
}

function listOf(draft: EntryDraft | null, field: EntryField): Item[] {
  const value = draft ? (draft[field] as unknown) : null;
  // Images and translations are objects, compared as strings of all their parts. A draft built
  // without them has none.
  if (field === "images") return toImageRefs(value).map(imageDiffItem);
  if (field === "translations") return toTranslations(value).map(translationDiffItem);
  return Array.isArray(value) ? (value as Item[]) : [];
}

/**
 * The field-by-field difference from `before` to `after`, in form order. `before` is `null` for a
 * first revision, so every filled field shows as added. Empty text, `null` and `[]` are all
 * "empty", so normalisation alone never shows as a change. List order is ignored.
 */
export function diffRevisions(before: EntryDraft | null, after: EntryDraft): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ENTRY_FIELDS) {
    if (ENTRY_LIST_FIELDS.has(field)) {
      const old = listOf(before, field);
      const now = listOf(after, field);
      const oldSet = new Set(old);
      const nowSet = new Set(now);
      const removed = old.filter((item) => !nowSet.has(item));
      const added = now.filter((item) => !oldSet.has(item));
      if (removed.length > 0 || added.length > 0) {
        changes.push({ field, kind: "list", removed, added, kept: now.filter((item) => oldSet.has(item)) });
      }
    } else {
      const old = scalarOf(before, field);
      const now = scalarOf(after, field);
      if (old !== now) changes.push({ field, kind: "value", before: old, after: now });
    }
  }
  return changes;
}

/** True when two revisions hold the same content (a save that changed nothing). */
export function sameContent(a: EntryDraft, b: EntryDraft): boolean {
  return diffRevisions(a, b).length === 0;
}
