import { Type } from "typebox";

/** OpenAPI description of Forum registration (`registerForForum`) and door check-in (`syncForumCheckins`). */

export const RegistrationYearParams = Type.Object({
  year: Type.String({ description: "The edition's year.", examples: ["2026"] }),
});

export const RegisterBody = Type.Object(
  {
    attendance: Type.String({
      description: "`onsite` (needs accreditation) or `remote` (confirmed at once).",
      examples: ["onsite"],
    }),
    interest: Type.Optional(
      Type.String({
        description:
          "The expression of interest (up to 2,000 characters): required for onsite attendance unless the organisation's stakeholder type is accredited automatically (government, international organization).",
      }),
    ),
  },
  {
    examples: [
      { attendance: "remote" },
      {
        attendance: "onsite",
        interest: "Our ministry's delegation of three presents the national broadband plan.",
      },
    ],
  },
);

export const RegistrationResponse = Type.Object(
  {
    registrationId: Type.String(),
    year: Type.Integer(),
    attendance: Type.String({ description: "`onsite` or `remote`." }),
    status: Type.String({
      description: "`confirmed`, or `pending` while an expression of interest awaits a decision.",
    }),
    accreditation: Type.String({
      description: "`none` (remote), `automatic`, `requested`, `approved` or `declined`.",
    }),
  },
  {
    examples: [
      {
        registrationId: "812",
        year: 2026,
        attendance: "onsite",
        status: "pending",
        accreditation: "requested",
      },
    ],
  },
);

export const CheckinBody = Type.Object(
  {
    scans: Type.Array(
      Type.Object({
        scanId: Type.String({
          pattern: "^[A-Za-z0-9_-]{8,64}$",
          description: "Made up by the scanning phone (a UUID); a scan synced twice counts once.",
        }),
        token: Type.String({
          maxLength: 200,
          description: "The text of the badge's QR code, as scanned or typed.",
        }),
        scannedAt: Type.Optional(
          Type.String({ format: "date-time", description: "When the phone scanned." }),
        ),
      }),
      { minItems: 1, maxItems: 200 },
    ),
  },
  {
    examples: [
      {
        scans: [
          {
            scanId: "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            token: "WF1.2026.812.1.q1m2Yd0Jm0qKDEDGcwnZCw",
            scannedAt: "2026-07-07T07:58:12Z",
          },
        ],
      },
    ],
  },
);

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const CheckinResponse = Type.Object(
  {
    results: Type.Array(
      Type.Object({
        scanId: Type.String(),
        result: Type.String({
          description:
            "`admitted`, `already_checked_in` (see `checkedInAt`), `invalid` (forged or mistyped), `other_edition`, `revoked` (registration cancelled or not confirmed) or `not_onsite`.",
        }),
        duplicate: Type.Boolean({
          description: "This scan id was synced before: its stored result, counted once.",
        }),
        name: NullableString,
        organisation: NullableString,
        checkedInAt: NullableString,
      }),
    ),
    admittedTotal: Type.Integer({ description: "People admitted to the edition so far." }),
  },
  {
    examples: [
      {
        results: [
          {
            scanId: "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            result: "admitted",
            duplicate: false,
            name: "Amina Wanjiru",
            organisation: "Ministry of ICT",
            checkedInAt: "2026-07-07T07:58:12.000Z",
          },
        ],
        admittedTotal: 1,
      },
    ],
  },
);
