import type { QualifiedFigure } from "../platform/figures.ts";
import type { PageContext } from "./page-context.ts";

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
