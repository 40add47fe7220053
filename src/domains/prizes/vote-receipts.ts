import { createHash, randomFillSync } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";

/**
 * Voting receipts. A receipt is `sha256("wsis-prize-vote-v1|<year>|<category>|<nominee id>|<nonce>")`
 * in hex, where the nonce is 128 random bits drawn for that vote alone. The voter sees the receipt
 * (on "My votes" and in the API's answer). After the results are published, the public list of
 * receipts gives, for every vote, the receipt, its nonce, category, nominee and whether it counted,
 * never the voter. So:
 * - a voter finds their receipt in the list, with the nominee they chose: their vote was counted
 *   for that nominee (or they see the reason it was invalidated);
 * - anyone recomputes each line's hash from its own fields: no line can be moved to another nominee
 *   without its receipt changing, which its voter would notice;
 * - anyone recounts the tally from the list;
 * - the nonce makes a receipt unguessable, and nothing in a line links it to an account.
 */
export const RECEIPT_SCHEME = "wsis-prize-vote-v1";

export interface ReceiptFields {
  year: number;
  category: string;
  nomineeId: string;
  nonce: string;
}

export function receiptHash(fields: ReceiptFields): string {
  return createHash("sha256")
    .update(`${RECEIPT_SCHEME}|${fields.year}|${fields.category}|${fields.nomineeId}|${fields.nonce}`)
    .digest("hex");
}

const NONCE_BYTES = 16;
// Random bytes are drawn 4 KiB at a time and each 16-byte slice is used once: one call to the
// system's generator per 256 votes instead of one per vote, for the same unpredictable nonces.
const pool = Buffer.alloc(NONCE_BYTES * 256);
let poolOffset = pool.length;

function freshNonce(): string {
  if (poolOffset + NONCE_BYTES > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const nonce = pool.toString("hex", poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return nonce;
}

/** A fresh nonce and the receipt it makes for one vote. */
export function newReceipt(fields: Omit<ReceiptFields, "nonce">): { nonce: string; receipt: string } {
  const nonce = freshNonce();
  return { nonce, receipt: receiptHash({ ...fields, nonce }) };
}

/** Whether a published line is consistent: its receipt is the hash of its own fields. */
export function verifyReceipt(receipt: string, fields: ReceiptFields): boolean {
  return receipt === receiptHash(fields);
}

/**
 * The network a client address belongs to for burst screening: the /24 of an IPv4 address (an
 * IPv4-mapped IPv6 address counts as IPv4), the /48 of an IPv6 one (a site's usual allocation).
 * Null for anything that is not an address.
 */
export function ipRange(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? (mapped[1] as string) : ip;
  if (isIPv4(v4)) {
    const [a, b, c] = v4.split(".");
    return `${a}.${b}.${c}.0/24`;
  }
  if (!isIPv6(ip)) return null;
  const groups = expandIpv6(ip.split("%")[0] as string);
  return `${groups.slice(0, 3).join(":")}::/48`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function expandIpv6(ip: string): string[] {
  const [head = "", tail] = ip.toLowerCase().split("::");
  const parse = (part: string) => (part ? part.split(":") : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  // An embedded IPv4 tail (::1.2.3.4) stands for two groups; only the first three matter here.
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array.from({ length: Math.max(0, missing) }, () => "0"), ...right];
  return groups.map((group) => (/^[0-9a-f]+$/.test(group) ? Number.parseInt(group, 16).toString(16) : group));
}

const GMAIL = new Set(["gmail.com", "googlemail.com"]);

/**
 * The mailbox an address delivers to, for alias screening: lower case, a `+tag` dropped, and at
 * Gmail the dots of the local part dropped and googlemail.com read as gmail.com. So
 * `A.B+x@gmail.com` and `ab@googlemail.com` are the same voter. The same rule runs in SQL in
 * `vote-screening.repo.ts` (`normalisedEmailSql`); a test keeps them in step.
 */
export function normaliseEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 0) return lower;
  let local = lower.slice(0, at).split("+")[0] as string;
  let domain = lower.slice(at + 1);
  if (GMAIL.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return `${local}@${domain}`;
}
