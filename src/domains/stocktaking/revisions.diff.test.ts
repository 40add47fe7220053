import { describe, expect, it } from "vitest";
import type { EntryDraft } from "./entry-fields.ts";
import { diffRevisions, sameContent } from "./revisions.diff.ts";

const base: EntryDraft = {
  title: "Rural broadband",
  description: "Connecting villages to affordable broadband.",
  language: "en",
  organisationName: "Connect NGO",
  stakeholderType: "civil_society",
  coverage: "national",
  countries: ["KE", "UG"],
  actionLines: ["C2"],
  sdgs: [9],
  targetGroups: [],
  projectStatus: "ongoing",
  startDate: "2020-01-01",
  endDate: null,
  website: null,
  contactName: null,
  contactEmail: null,
  images: [],
  translations: [],
};

describe("diffRevisions", () => {
  it("reports nothing for identical revisions", () => {
    expect(diffRevisions(base, { ...base })).toEqual([]);
    expect(sameContent(base, { ...base, countries: ["UG", "KE"] })).toBe(true);
  });

  it("reports a changed value with its old and new value", () => {
    expect(diffRevisions(base, { ...base, title: "Rural broadband for all" })).toEqual([
      { field: "title", kind: "value", before: "Rural broadband", after: "Rural broadband for all" },
    ]);
  });

  it("treats empty text, null and a missing value alike", () => {
    expect(diffRevisions({ ...base, website: null }, { ...base, website: "" as unknown as null })).toEqual(
      [],
    );
    expect(diffRevisions(base, { ...base, website: "https://example.org" })).toEqual([
      { field: "website", kind: "value", before: null, after: "https://example.org" },
    ]);
    expect(diffRevisions(base, { ...base, startDate: null })).toEqual([
      { field: "startDate", kind: "value", before: "2020-01-01", after: null },
    ]);
  });

  it("reports list changes as removed, added and kept items", () => {
    const changes = diffRevisions(base, { ...base, countries: ["UG", "TZ"], sdgs: [9, 4] });
    expect(changes).toEqual([
      { field: "countries", kind: "list", removed: ["KE"], added: ["TZ"], kept: ["UG"] },
      { field: "sdgs", kind: "list", removed: [], added: [4], kept: [9] },
    ]);
  });

  it("shows every filled field as added for a first revision, in form order", () => {
    const changes = diffRevisions(null, base);
    expect(changes.map((change) => change.field)).toEqual([
      "title",
      "description",
      "language",
      "organisationName",
      "stakeholderType",
      "coverage",
      "countries",
      "actionLines",
      "sdgs",
      "projectStatus",
      "startDate",
    ]);
    expect(changes[0]).toEqual({ field: "title", kind: "value", before: null, after: "Rural broadband" });
  });

  it("reports a translation added, and an edited one as the old removed and the new added", () => {
    const fr = {
      language: "fr",
      title: "Haut débit rural",
      description: "Relier les villages au haut débit.",
    };
    const withFr = { ...base, translations: [fr] };
    const [added] = diffRevisions(base, withFr);
    expect(added).toMatchObject({ field: "translations", kind: "list", removed: [], kept: [] });
    expect(added?.kind === "list" && JSON.parse(String(added.added[0]))).toEqual([
      "fr",
      fr.title,
      fr.description,
    ]);

    const edited = { ...base, translations: [{ ...fr, description: "Relier les villages, vite." }] };
    const [change] = diffRevisions(withFr, edited);
    expect(change?.kind === "list" && [change.removed.length, change.added.length]).toEqual([1, 1]);
    // A revision written before translations existed has none: no change against an empty list.
    expect(sameContent({ ...base, translations: undefined as never }, base)).toBe(true);
  });

  it("reports images added and removed with their alt text, and an old revision without images as none", () => {
    const one = { id: "7", alt: "Students at a laptop" };
    const two = { id: "9", alt: "A rooftop antenna" };
    const withImages = { ...base, images: [one, two] };
    expect(diffRevisions(base, withImages)).toEqual([
      {
        field: "images",
        kind: "list",
        removed: [],
        added: ["7 Students at a laptop", "9 A rooftop antenna"],
        kept: [],
      },
    ]);
    expect(diffRevisions(withImages, { ...base, images: [two] })).toEqual([
      {
        field: "images",
        kind: "list",
        removed: ["7 Students at a laptop"],
        added: [],
        kept: ["9 A rooftop antenna"],
      },
    ]);
    // Revisions stored before images existed have no `images` key at all.
    const legacy = { ...base } as Partial<EntryDraft>;
    delete legacy.images;
    expect(diffRevisions(legacy as EntryDraft, base)).toEqual([]);
    expect(sameContent(legacy as EntryDraft, { ...base, images: [one] })).toBe(false);
  });
});
