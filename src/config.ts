import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** Typed, validated runtime configuration; the only place that reads `process.env`. */
export interface AppConfig {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReadUrl: string | undefined;
  smtpUrl: string | undefined;
  sessionSecret: string;
  logLevel: LogLevel;
  /** Cookies get `Secure` when the public URL is https; plain-http localhost would otherwise lose them. */
  secureCookies: boolean;
  /** Load the ~300-entry demo set when the database is empty (npm start). */
  demoData: boolean;
  /** Tests lower these to exercise limits quickly. */
  rateLimits: { signIn: number; register: number; reset: number; windowMs: number };
  /**
   * Requests per window on `/api/v1`: per client address without credentials, per token (or
   * signed-in user) with them. 0 turns a limit off. `API_RATE_LIMIT` and
   * `API_RATE_LIMIT_AUTHENTICATED` set them (per minute).
   */
  apiRateLimit: { anonymous: number; authenticated: number; windowMs: number };
  /** WSIS Prizes voting: rate limits and screening thresholds (`VotingConfig`). */
  voting: VotingConfig;
  /** The largest Photo Contest file accepted, in bytes; `PHOTO_MAX_MB` sets it (default 15). */
  photoMaxBytes: number;
}

/**
 * Limits and screening thresholds of prize voting, each from an environment variable (0 turns a
 * limit or a screen off), counted per instance (`vote-rate-limit.ts` says why). Per voter:
 * `VOTE_RATE_LIMIT_VOTER` attempts a minute (default 60; a voter has 18 votes to cast). Per client
 * address: `VOTE_RATE_LIMIT_IP` a minute (default 300,000), a hard flood cap only, far above what
 * screening flags (`VOTE_FLAG_IP_BURST` votes from one /24 or /48
 * network within `VOTE_FLAG_IP_WINDOW_MINUTES`, defaults 200 and 10), because a campus or an
 * operator's NAT puts many honest voters behind one address. `VOTE_FLAG_FRESH_HOURS` (default 48)
 * and `VOTE_FLAG_FRESH_MIN` (default 10): a nominee backed by at least that many accounts created
 * less than that before voting, that voted in its category only. `VOTE_SCREEN_INTERVAL_SECONDS`
 * (default 300): how often an instance screens editions in or just after their voting phase.
 */
export interface VotingConfig {
  voterLimit: number;
  ipLimit: number;
  windowMs: number;
  ipBurst: number;
  ipBurstWindowMinutes: number;
  freshHours: number;
  freshMin: number;
  screenIntervalMs: number;
}

const LOG_LEVELS: LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export class ConfigError extends Error {}

function parseLimit(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`PORT must be 0-65535, got "${raw}"`);
  return n;
}

/** The session secret is generated once and kept in DATA_DIR so restarts keep sessions valid. */
function sessionSecretFor(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) {
    if (fromEnv.length < 32) throw new ConfigError("SESSION_SECRET must be at least 32 characters");
    return fromEnv;
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  const port = parsePort(env.PORT, 3000);
  const host = env.HOST || "0.0.0.0";
  const baseUrl = (env.BASE_URL || `http://localhost:${port}`).replace(/\/$/, "");
  const dataDir = resolve(overrides.dataDir ?? (env.DATA_DIR || "./data"));
  const logLevel = (env.LOG_LEVEL || "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port,
    host,
    baseUrl,
    dataDir,
    databaseUrl,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    sessionSecret: overrides.sessionSecret ?? sessionSecretFor(dataDir, env.SESSION_SECRET),
    logLevel,
    secureCookies: baseUrl.startsWith("https://"),
    demoData: true,
    rateLimits: { signIn: 10, register: 5, reset: 5, windowMs: 15 * 60_000 },
    apiRateLimit: {
      anonymous: parseLimit("API_RATE_LIMIT", env.API_RATE_LIMIT, 300),
      authenticated: parseLimit("API_RATE_LIMIT_AUTHENTICATED", env.API_RATE_LIMIT_AUTHENTICATED, 1200),
      windowMs: 60_000,
    },
    voting: {
      voterLimit: parseLimit("VOTE_RATE_LIMIT_VOTER", env.VOTE_RATE_LIMIT_VOTER, 60),
      ipLimit: parseLimit("VOTE_RATE_LIMIT_IP", env.VOTE_RATE_LIMIT_IP, 300_000),
      windowMs: 60_000,
      ipBurst: parseLimit("VOTE_FLAG_IP_BURST", env.VOTE_FLAG_IP_BURST, 200),
      ipBurstWindowMinutes: parseLimit("VOTE_FLAG_IP_WINDOW_MINUTES", env.VOTE_FLAG_IP_WINDOW_MINUTES, 10),
      freshHours: parseLimit("VOTE_FLAG_FRESH_HOURS", env.VOTE_FLAG_FRESH_HOURS, 48),
      freshMin: parseLimit("VOTE_FLAG_FRESH_MIN", env.VOTE_FLAG_FRESH_MIN, 10),
      screenIntervalMs:
        parseLimit("VOTE_SCREEN_INTERVAL_SECONDS", env.VOTE_SCREEN_INTERVAL_SECONDS, 300) * 1000,
    },
    photoMaxBytes: parseLimit("PHOTO_MAX_MB", env.PHOTO_MAX_MB, 15) * 1024 * 1024,
    ...overrides,
  };
}

/**
 * The licence the platform publishes its data under (the `/open-data` page, the dumps listing).
 * CC BY 4.0 is the default because it lets anyone reuse the data for any purpose, commercial
 * included, as long as they credit the source, which is what a public stocktaking of WSIS
 * implementation is for. A deployment that must publish under other terms changes it here.
 */
export const OPEN_DATA_LICENCE = {
  id: "CC-BY-4.0",
  name: "Creative Commons Attribution 4.0 International (CC BY 4.0)",
  url: "https://creativecommons.org/licenses/by/4.0/",
  attribution: "WSIS Stocktaking database, ITU",
} as const;
