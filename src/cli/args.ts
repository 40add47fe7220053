/** `--name value` and `--flag` parsing; the CLI needs nothing more. */
export function parseArgs(argv: string[]): {
  command: string | undefined;
  options: Map<string, string | true>;
} {
  const options = new Map<string, string | true>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) options.set(name, inline);
      else if (next !== undefined && !next.startsWith("--")) {
        options.set(name, next);
        i++;
      } else options.set(name, true);
    } else command ??= arg;
  }
  return { command, options };
}

export class UsageError extends Error {}

export function stringOption(
  options: Map<string, string | true>,
  name: string,
  required = false,
): string | undefined {
  const value = options.get(name);
  if (value === true || (required && value === undefined)) throw new UsageError(`--${name} needs a value`);
  return value;
}

export function integerOption(
  options: Map<string, string | true>,
  name: string,
  fallback: number,
  min = 0,
  max = 10_000_000,
): number {
  const raw = stringOption(options, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}
