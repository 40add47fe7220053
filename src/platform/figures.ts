/**
 * Figures with their source's precision, as the reviewed data files of past Prizes and Forums
 * state them: "973" (`exact`), "1,000+" (`at_least`) or "~500" (`about`), never a made-up exact
 * number.
 */
export const FIGURE_QUALIFIERS = ["exact", "at_least", "about"] as const;
export type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];

export interface QualifiedFigure {
  value: number;
  qualifier: FigureQualifier;
}

/** The figure of a stored JSON value, or undefined when malformed (a hand edit must not break a page). */
export function parseQualifiedFigure(value: unknown): QualifiedFigure | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { value: number, qualifier } = value as Record<string, unknown>;
  if (typeof number !== "number" || !Number.isFinite(number) || number < 0) return undefined;
  if (!(FIGURE_QUALIFIERS as readonly unknown[]).includes(qualifier)) return undefined;
  return { value: number, qualifier: qualifier as FigureQualifier };
}
