import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes) keeps sign-in well under 100 ms on a small core.
// 2 is Algorithm.Argon2id; the package exports it as an ambient const enum, which ESM cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-but-a-timing-shield");
  return dummyHash;
}

const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "passw0rd",
  "123456789",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "iloveyou",
  "letmein123",
  "welcome123",
  "administrator",
  "qwerty123",
  "11111111111",
  "abc123456",
]);

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Length over complexity rules (NIST SP 800-63B), plus a deny list and no reuse of the email. */
export function passwordWeakness(
  password: string,
  email: string,
): "too_short" | "too_long" | "weak_password" | null {
  if (password.length < PASSWORD_MIN) return "too_short";
  if (password.length > PASSWORD_MAX) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "weak_password";
  if (new Set(lower).size < 4) return "weak_password";
  const local = email.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 4 && lower.includes(local)) return "weak_password";
  return null;
}
