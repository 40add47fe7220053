import { Type } from "typebox";
import { PHOTO_LICENCES, PHOTO_LIMITS } from "./photo-input.ts";

/** OpenAPI description of the Photo Contest (`listPrizePhotos`, `enterPrizePhoto`, `removePrizePhoto`). */

export const YearParams = Type.Object({
  year: Type.String({ pattern: "^[0-9]{4}$", description: "The edition's year.", examples: ["2026"] }),
});

export const PhotoParams = Type.Object({
  year: Type.String({ pattern: "^[0-9]{4}$", description: "The edition's year.", examples: ["2026"] }),
  id: Type.String({ pattern: "^[1-9][0-9]{0,17}$", description: "The photo's id.", examples: ["42"] }),
});

const PHOTO_EXAMPLE = {
  id: "42",
  url: "/prizes/2026/photos/42/image?v=9f86d081884c7d65",
  renditions: [
    { width: 320, url: "/prizes/2026/photos/42/320.webp?v=9f86d081884c7d65" },
    { width: 640, url: "/prizes/2026/photos/42/640.webp?v=9f86d081884c7d65" },
  ],
  width: 1600,
  height: 1067,
  caption: "A nurse checks a patient record on a tablet in a rural clinic",
  sdgs: [
    { number: 3, name: "Good health and well-being" },
    { number: 9, name: "Industry, innovation and infrastructure" },
  ],
  entrantName: "Amina Wanjiru",
  licence: "CC-BY-4.0",
  winnerRank: 1,
  enteredAt: "2026-01-14T09:30:00.000Z",
};

export const PhotoSchema = Type.Object({
  id: Type.String(),
  url: Type.String({ description: "The photo, re-encoded without any metadata (EXIF location removed)." }),
  renditions: Type.Array(
    Type.Object({ width: Type.Integer(), url: Type.String({ description: "A WebP rendition." }) }),
    { description: "WebP renditions, narrowest first." },
  ),
  width: Type.Integer(),
  height: Type.Integer(),
  caption: Type.String({ description: "Also the image's alternative text." }),
  sdgs: Type.Array(
    Type.Object({
      number: Type.Integer({ minimum: 1, maximum: 17 }),
      name: Type.String({ description: "In the language asked for (`?lang=` or Accept-Language)." }),
    }),
    { description: "The SDGs the photo shows." },
  ),
  entrantName: Type.String(),
  licence: Type.Enum([...PHOTO_LICENCES]),
  winnerRank: Type.Union([Type.Integer({ minimum: 1, maximum: 3 }), Type.Null()], {
    description: "1–3 for a winner once the jury has published them; null otherwise.",
  }),
  enteredAt: Type.String({ format: "date-time" }),
});

export const GalleryResponse = Type.Object(
  {
    year: Type.Integer(),
    entriesOpen: Type.Boolean({
      description: "Whether photos may be entered now (the server's clock decides).",
    }),
    entriesClose: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
    timeZone: Type.String({ description: "The edition's IANA time zone, in which its dates are announced." }),
    winnersPublished: Type.Boolean(),
    items: Type.Array(PhotoSchema, {
      description: "The shortlist; the winners first, by rank, once published.",
    }),
  },
  {
    examples: [
      {
        year: 2026,
        entriesOpen: false,
        entriesClose: "2026-03-14T22:59:00.000Z",
        timeZone: "Europe/Zurich",
        winnersPublished: true,
        items: [PHOTO_EXAMPLE],
      },
    ],
  },
);

export const MyPhotosResponse = Type.Object(
  {
    year: Type.Integer(),
    entriesOpen: Type.Boolean(),
    max: Type.Integer({
      description: `Photos an entrant may enter per edition (${PHOTO_LIMITS.perEntrant}).`,
    }),
    items: Type.Array(PhotoSchema),
  },
  { examples: [{ year: 2026, entriesOpen: true, max: 5, items: [{ ...PHOTO_EXAMPLE, winnerRank: null }] }] },
);

export const EnteredResponse = Type.Object(
  {
    id: Type.String(),
    slot: Type.Integer({ minimum: 1, maximum: PHOTO_LIMITS.perEntrant }),
    links: Type.Object({ mine: Type.String() }),
  },
  { examples: [{ id: "42", slot: 2, links: { mine: "/api/v1/prizes/editions/2026/photos/mine" } }] },
);

export const ENTER_DESCRIPTION = `A \`multipart/form-data\` body with \`file\` (JPEG, PNG or WebP, recognised by its content; at most \`PHOTO_MAX_MB\` megabytes, 15 by default, and ${PHOTO_LIMITS.maxSide} px a side), \`caption\` (at most ${PHOTO_LIMITS.captionMax} characters), \`sdgs\` (repeated, 1–17, at least one), \`licence\` (${PHOTO_LICENCES.join(", ")}), \`ownsRights\` and \`personsConsented\` (\`yes\`), and \`birthDate\` (YYYY-MM-DD; entrants must be ${PHOTO_LIMITS.minAge} or older; it is not stored). Only while the edition's submission phase is open (409 \`photo_entries_closed\`), at most ${PHOTO_LIMITS.perEntrant} photos per entrant and edition (409 \`photo_limit_reached\`). The file's metadata (EXIF location included) is removed. Field errors: \`file\` required, too_long, not_an_image, out_of_range; \`birthDate\` under_age, invalid_date; \`sdgs\` required, out_of_range; consents required.`;
