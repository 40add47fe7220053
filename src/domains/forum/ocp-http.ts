import { AppError, ValidationError } from "../../platform/errors.ts";

/** Conflicts a form shows above itself (the deadline, a decided request); others get the error page. */
export const isRefusal = (error: unknown): error is AppError =>
  error instanceof AppError && !(error instanceof ValidationError) && error.status === 409;
