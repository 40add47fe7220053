import { Type } from "typebox";

/** API shapes of the reference data; the routes use them for serialisation and OpenAPI. */

const ActionLineCode = Type.String({ description: "Action Line code, e.g. `C1` or `C7-ehealth`" });
const SdgNumber = Type.Integer({ minimum: 1, maximum: 17, description: "SDG number" });
const LocalName = Type.String({ description: "Name in the request's language, falling back to English" });

export const ActionLineSchema = Type.Object({
  code: ActionLineCode,
  name: LocalName,
  facilitator: Type.String({ description: "Lead facilitator" }),
  group: Type.Union([Type.String(), Type.Null()], {
    description: "Parent line (`C7`) for the eight ICT applications, else null",
  }),
  description: Type.String(),
  sdgs: Type.Array(SdgNumber, { description: "SDGs linked in the WSIS-SDG Matrix" }),
});

export const ActionLineListSchema = Type.Object({ items: Type.Array(ActionLineSchema) });

export const SdgSchema = Type.Object({
  number: SdgNumber,
  name: LocalName,
  colour: Type.String({ description: "Official colour as #RRGGBB (decorative)" }),
  actionLines: Type.Array(ActionLineCode, { description: "Action Lines linked in the WSIS-SDG Matrix" }),
});

export const SdgListSchema = Type.Object({ items: Type.Array(SdgSchema) });

export const SdgMatrixSchema = Type.Object({
  actionLines: Type.Array(
    Type.Object({
      code: ActionLineCode,
      name: LocalName,
      group: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  sdgs: Type.Array(Type.Object({ number: SdgNumber, name: LocalName, colour: Type.String() })),
  links: Type.Array(
    Type.Object({
      actionLine: ActionLineCode,
      sdg: SdgNumber,
      rationale: Type.String({ description: "Why this Action Line serves this SDG" }),
    }),
  ),
});

export const CountryListQuerySchema = Type.Object({
  region: Type.Optional(Type.String({ maxLength: 10, description: "Only countries in this region" })),
});

export const CountryListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String({ description: "ISO 3166-1 alpha-2" }),
      name: LocalName,
      region: Type.Union([Type.String(), Type.Null()], { description: "ITU region code" }),
    }),
  ),
});

export const RegionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String({ description: "ITU region code, e.g. `AFR`" }),
      name: LocalName,
      countryCount: Type.Integer({ minimum: 0 }),
    }),
  ),
});
