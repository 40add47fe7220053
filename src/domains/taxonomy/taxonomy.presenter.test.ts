import { describe, expect, it } from "vitest";
import {
  groupActionLines,
  presentActionLines,
  presentCountries,
  presentMatrix,
  presentSdgs,
} from "./taxonomy.presenter.ts";
import type { ReferenceData } from "./taxonomy.repo.ts";

const ref: ReferenceData = {
  actionLines: [
    {
      code: "C6",
      names: { en: "Enabling environment", fr: "Environnement propice" },
      facilitator: "ITU",
      group_code: null,
      description: "",
      sort_order: 6,
    },
    {
      code: "C7-egov",
      names: { en: "E-government" },
      facilitator: "UN DESA",
      group_code: "C7",
      description: "",
      sort_order: 7,
    },
    {
      code: "C7-ebus",
      names: { en: "E-business" },
      facilitator: "UNCTAD",
      group_code: "C7",
      description: "",
      sort_order: 8,
    },
    {
      code: "C8",
      names: { en: "Cultural diversity" },
      facilitator: "UNESCO",
      group_code: null,
      description: "",
      sort_order: 15,
    },
  ],
  sdgs: [
    { number: 9, names: { en: "Industry" }, colour: "#FD6925" },
    { number: 17, names: { en: "Partnerships", fr: "Partenariats" }, colour: "#19486A" },
  ],
  matrix: [
    { action_line_code: "C8", sdg_number: 9, rationale: "b" },
    { action_line_code: "C7-egov", sdg_number: 17, rationale: "c" },
    { action_line_code: "C6", sdg_number: 17, rationale: "a" },
    { action_line_code: "C6", sdg_number: 9, rationale: "d" },
  ],
  regions: [],
  countries: [
    { code: "DE", region_code: "EUR" },
    { code: "AT", region_code: "EUR" },
  ],
  stakeholderTypes: [],
  targetGroups: [],
};

describe("taxonomy presenters", () => {
  it("names reference data in the reader's language, falling back to English", () => {
    const lines = presentActionLines(ref, "fr");
    expect(lines[0]).toMatchObject({ code: "C6", name: "Environnement propice", sdgs: [9, 17] });
    expect(lines[1]?.name).toBe("E-government");
    expect(presentSdgs(ref, "fr").map((sdg) => sdg.name)).toEqual(["Industry", "Partenariats"]);
  });

  it("orders linked Action Lines and matrix links by display order, not by code", () => {
    expect(presentSdgs(ref, "en")[1]?.actionLines).toEqual(["C6", "C7-egov"]);
    expect(presentMatrix(ref, "en").links.map((link) => `${link.actionLine}:${link.sdg}`)).toEqual([
      "C6:9",
      "C6:17",
      "C7-egov:17",
      "C8:9",
    ]);
  });

  it("gathers the C7 applications under one group", () => {
    const groups = groupActionLines(presentActionLines(ref, "en"));
    expect(
      groups.map((group) =>
        group.kind === "line" ? group.line.code : `${group.code}[${group.lines.length}]`,
      ),
    ).toEqual(["C6", "C7[2]", "C8"]);
  });

  it("sorts countries by localised name", () => {
    expect(presentCountries(ref, "en").map((country) => country.name)).toEqual(["Austria", "Germany"]);
    expect(presentCountries(ref, "fr").map((country) => country.name)).toEqual(["Allemagne", "Autriche"]);
  });
});
