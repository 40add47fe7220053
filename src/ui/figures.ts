import type { PageContext } from "./page-context.ts";

/** A figure with its source's precision: exact, a lower bound ("1,000+") or an estimate. */
export interface QualifiedFigure {
  value: number;
  qualifier: "exact" | "at_least" | "about";
}

/** The figure in the reader's number format, worded by the caller's messages (each takes `value`). */
export function formatQualifiedFigure(
  ctx: PageContext,
  figure: QualifiedFigure,
  messages: { atLeast: string; about: string },
): string {
  const value = ctx.formatNumber(figure.value);
  if (figure.qualifier === "at_least") return ctx.t(messages.atLeast, { value });
  if (figure.qualifier === "about") return ctx.t(messages.about, { value });
  return value;
}
