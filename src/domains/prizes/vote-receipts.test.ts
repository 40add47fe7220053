import { describe, expect, it } from "vitest";
import { ipRange, newReceipt, normaliseEmail, receiptHash, verifyReceipt } from "./vote-receipts.ts";

describe("vote receipts", () => {
  it("are the SHA-256 of the scheme, edition, category, nominee and a fresh nonce", () => {
    const fields = { year: 2030, category: "C1", nomineeId: "42" };
    const first = newReceipt(fields);
    const second = newReceipt(fields);
    expect(first.receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(first.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(first.receipt).not.toBe(second.receipt);
    expect(verifyReceipt(first.receipt, { ...fields, nonce: first.nonce })).toBe(true);
    expect(verifyReceipt(first.receipt, { ...fields, nomineeId: "43", nonce: first.nonce })).toBe(false);
    // A fixed vector, so a change of the scheme cannot go unnoticed (published receipts rely on it).
    expect(receiptHash({ ...fields, nonce: "00" })).toBe(
      "1cc29758e65b33f96bde45aa284d33b401238fc1dd5946e5df297fe45dcf6cd7",
    );
  });

  it("never reuse a nonce, across refills of the random pool too", () => {
    const nonces = Array.from(
      { length: 1000 },
      () => newReceipt({ year: 2030, category: "C1", nomineeId: "1" }).nonce,
    );
    expect(new Set(nonces).size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(nonces).not.toContain("0".repeat(32));
  });
});

describe("ipRange", () => {
  it("is the /24 of IPv4 (mapped too) and the /48 of IPv6", () => {
    expect(ipRange("192.0.2.77")).toBe("192.0.2.0/24");
    expect(ipRange("::ffff:192.0.2.77")).toBe("192.0.2.0/24");
    expect(ipRange("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(ipRange("2001:db8::1")).toBe("2001:db8:0::/48");
    expect(ipRange("::1")).toBe("0:0:0::/48");
    expect(ipRange("not an address")).toBeNull();
    expect(ipRange(null)).toBeNull();
  });
});

describe("normaliseEmail", () => {
  it("reads Gmail aliases and +tags as one mailbox", () => {
    expect(normaliseEmail("a.b+x@gmail.com")).toBe("ab@gmail.com");
    expect(normaliseEmail("AB@googlemail.com")).toBe("ab@gmail.com");
    expect(normaliseEmail("a.b+news@example.org")).toBe("a.b@example.org");
    expect(normaliseEmail("a.b@example.org")).not.toBe(normaliseEmail("ab@example.org"));
  });
});
