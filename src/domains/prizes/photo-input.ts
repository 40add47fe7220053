import { ValidationError } from "../../platform/errors.ts";
import { formList, formText } from "../../platform/http/form-input.ts";
import { isUploadedFile } from "../../platform/http/multipart.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import { sniffImage } from "../stocktaking/image-format.ts";
import { isPhotoType, type PhotoType } from "./photo-files.ts";

/** The Photo Contest's rules (DOMAIN.md, "Photo Contest") and the platform's own limits. */
export const PHOTO_LIMITS = {
  /** Photos per entrant and edition; the database holds it too (five numbered slots). */
  perEntrant: 5,
  captionMax: 300,
  /** Larger photos cost viewers' memory to decode and no page needs them. */
  maxSide: 8000,
  minAge: 18,
  /** Per entrant and hour: each upload is decoded and re-encoded, which costs CPU. */
  uploadsPerHour: 30,
} as const;

/** The licences an entrant may grant; all let ITU and others show the photo with credit. */
export const PHOTO_LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0"] as const;
export type PhotoLicence = (typeof PHOTO_LICENCES)[number];

export const SDG_NUMBERS = Array.from({ length: 17 }, (_, index) => index + 1);

/** The entry form as typed, kept to show it again when something is wrong. */
export interface PhotoForm {
  caption: string;
  sdgs: string[];
  licence: string;
  ownsRights: boolean;
  personsConsented: boolean;
  birthDate: string;
}

/** The file part of an upload: its bytes (or none), and whether it was cut at the size limit. */
export interface PhotoFile {
  data: Buffer | null;
  truncated: boolean;
}

export interface ValidPhotoInput {
  caption: string;
  sdgs: number[];
  licence: PhotoLicence;
  type: PhotoType;
  data: Buffer;
}

/** A ticked box: browsers send "yes" (the form's value); API clients may send true or on. */
const ticked = (body: unknown, name: string): boolean =>
  ["yes", "true", "on", "1"].includes(formText(body, name).toLowerCase());

/** Reads the entry form's fields from a form or multipart body. */
export function readPhotoForm(body: unknown): PhotoForm {
  return {
    caption: formText(body, "caption"),
    sdgs: formList(body, "sdgs"),
    licence: formText(body, "licence"),
    ownsRights: ticked(body, "ownsRights"),
    personsConsented: ticked(body, "personsConsented"),
    birthDate: formText(body, "birthDate").trim(),
  };
}

/** The form and the `file` part of a multipart body; a missing file, or one sent as a plain field, reads as none. */
export function readPhotoUpload(body: unknown): { form: PhotoForm; file: PhotoFile } {
  const value = (body as Record<string, unknown> | undefined)?.file;
  const file = isUploadedFile(value) ? value : null;
  return {
    form: readPhotoForm(body),
    file: { data: file?.data ?? null, truncated: file?.truncated ?? false },
  };
}

/** Plain fields the entry form may send next to its file: the 17 SDG boxes and a few more. */
export const PHOTO_FORM_FIELDS = 30;

export const EMPTY_PHOTO_FORM: PhotoForm = {
  caption: "",
  sdgs: [],
  licence: "CC-BY-4.0",
  ownsRights: false,
  personsConsented: false,
  birthDate: "",
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as `YYYY-MM-DD`, or null. */
function parseDate(value: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 ? { year, month, day } : null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Whether someone born on `birth` is at least `years` old on `today` (both `YYYY-MM-DD`, `today`
 * in the edition's time zone). The birthday counts: eighteen on the day itself. Someone born on
 * 29 February comes of age on 1 March in years without one.
 */
export function isAtLeast(
  birth: { year: number; month: number; day: number },
  years: number,
  today: string,
): boolean {
  return `${birth.year + years}-${pad(birth.month)}-${pad(birth.day)}` <= today;
}

/** The calendar date of `now` in `timeZone`, as `YYYY-MM-DD`. */
export function dateInZone(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: effectiveTimeZone(timeZone),
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * Checks an entry: the caption, at least one SDG among 1–17, a licence from the list, both
 * consents, a date of birth at least eighteen years before `today`, and the file by its content
 * (magic bytes of JPEG, PNG or WebP; the name and declared type are ignored) within `maxBytes`.
 * Every problem is reported at once; the date of birth itself is not kept.
 */
export function validatePhotoInput(
  form: PhotoForm,
  file: PhotoFile,
  { maxBytes, today }: { maxBytes: number; today: string },
): ValidPhotoInput {
  const errors = new FieldErrors();
  const caption = errors.line("caption", form.caption, PHOTO_LIMITS.captionMax);

  const sdgs = [...new Set(form.sdgs)];
  if (sdgs.length === 0) errors.add("sdgs", "required");
  else if (sdgs.some((value) => !/^[0-9]{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 17))
    errors.add("sdgs", "out_of_range", { min: 1, max: 17 });

  const licence = errors.choice("licence", form.licence, PHOTO_LICENCES, { code: "invalid_value" });
  if (!form.ownsRights) errors.add("ownsRights", "required");
  if (!form.personsConsented) errors.add("personsConsented", "required");

  if (form.birthDate === "") errors.add("birthDate", "required");
  else {
    const birth = parseDate(form.birthDate);
    if (!birth) errors.add("birthDate", "invalid_date");
    else if (!isAtLeast(birth, PHOTO_LIMITS.minAge, today))
      errors.add("birthDate", "under_age", { min: PHOTO_LIMITS.minAge });
  }

  let type: PhotoType | null = null;
  const data = file.data;
  if (!data || data.length === 0) errors.add("file", "required");
  else if (file.truncated || data.length > maxBytes) errors.add("file", "too_long", { max: maxBytes });
  else {
    const info = sniffImage(data);
    if (!info || !isPhotoType(info.type)) errors.add("file", "not_an_image");
    else if (info.width > PHOTO_LIMITS.maxSide || info.height > PHOTO_LIMITS.maxSide)
      errors.add("file", "out_of_range", { min: 1, max: PHOTO_LIMITS.maxSide });
    else type = info.type;
  }

  if (!errors.ok || !licence || !type || !data) throw new ValidationError(errors.list);
  return { caption, sdgs: sdgs.map(Number).sort((a, b) => a - b), licence, type, data };
}
