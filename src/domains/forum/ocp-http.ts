import { AppError, ValidationError } from "../../platform/errors.ts";

/** One text field of a urlencoded body; a repeated field reads as its first value. */
export const one = (value: unknown): string =>
  typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "";

/** A field that may repeat (checkboxes), as a list. */
export const many = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is string => typeof item === "string",
  );

/** Conflicts a form shows above itself (the deadline, a decided request); others get the error page. */
export const isRefusal = (error: unknown): error is AppError =>
  error instanceof AppError && !(error instanceof ValidationError) && error.status === 409;
