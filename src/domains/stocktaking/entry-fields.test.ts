import { describe, expect, it } from "vitest";
import { imageDiffItem, imageOfDiffItem, toEntryDraft, toImageRefs } from "./entry-fields.ts";

describe("reading a revision's images", () => {
  it("defaults to none for revisions stored before images existed", () => {
    expect(toEntryDraft({ title: "Old entry" }).images).toEqual([]);
    expect(toEntryDraft(null).images).toEqual([]);
    expect(toEntryDraft({ title: "Odd", images: "not a list" }).images).toEqual([]);
  });

  it("keeps only well-formed references, each id once, at most five", () => {
    expect(
      toImageRefs([
        { id: "3", alt: "Three" },
        { id: 4, alt: "Four, stored as a number" },
        { id: "3", alt: "Duplicate" },
        { id: "0", alt: "Not an id" },
        { id: "x1", alt: "Not an id" },
        { alt: "No id" },
        { id: "5" },
        null,
        "6",
      ]),
    ).toEqual([
      { id: "3", alt: "Three" },
      { id: "4", alt: "Four, stored as a number" },
      { id: "5", alt: "" },
    ]);
    const many = Array.from({ length: 8 }, (_, i) => ({ id: String(i + 1), alt: `Image ${i + 1}` }));
    expect(toImageRefs(many)).toHaveLength(5);
  });

  it("round-trips an image through its diff item, alt text spaces included", () => {
    const ref = { id: "42", alt: "A crowd at the  opening" };
    expect(imageOfDiffItem(imageDiffItem(ref))).toEqual(ref);
    expect(imageOfDiffItem("7")).toEqual({ id: "7", alt: "" });
  });
});
