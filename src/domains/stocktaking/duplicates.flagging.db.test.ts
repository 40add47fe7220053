import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import {
  DESCRIPTION_SIMILARITY_MIN,
  flagLikelyDuplicates,
  ORGANISATION_SIMILARITY_MIN,
  TITLE_SIMILARITY_MIN,
} from "./duplicate-detection.ts";
import { pairOf, pairsOf, projectTexts } from "./duplicates.testing.ts";
import { submitEntry, updateEntry } from "./entries.service.ts";
import { saveEntryTranslation } from "./entry-translations.service.ts";

let t: TestApp;
let alice: MadeUser;
let bob: MadeUser;
let moderator: Browser;

beforeAll(async () => {
  t = await createTestApp();
  alice = await makeUser(t.db, { name: "Alice Owner" });
  bob = await makeUser(t.db, { name: "Bob Owner" });
  moderator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

describe("flagging likely duplicates when an entry is submitted", () => {
  it("flags a similar entry in the same country, with its scores, and nothing else", async () => {
    const texts = projectTexts("TZ");
    const published = await makeEntry(t.db, alice.id, { state: "published", data: texts.first });
    // Same country, another project: not flagged.
    const unrelated = await makeEntry(t.db, alice.id, {
      state: "published",
      data: {
        title: "Solar kits for rural schools",
        organisationName: "Sun for Schools",
        description: "Solar kits and offline tablets bring digital lessons to forty rural schools.",
        countries: ["TZ"],
      },
    });
    const submitted = await makeEntry(t.db, bob.id, { state: "submitted", data: texts.second });

    const pairs = await pairsOf(t.db, submitted.id);
    expect(pairs).toHaveLength(1);
    const [pair] = pairs;
    expect(pair).toMatchObject({
      entry_a: published.id,
      entry_b: submitted.id,
      status: "open",
      decided_by: null,
      decided_at: null,
    });
    expect(pair?.title_score).toBeGreaterThanOrEqual(TITLE_SIMILARITY_MIN);
    expect(pair?.organisation_score).toBe(1);
    expect(pair?.description_score).toBeGreaterThanOrEqual(DESCRIPTION_SIMILARITY_MIN);
    expect(await pairsOf(t.db, unrelated.id)).toEqual([]);
  });

  it("compares submitted entries with each other too, and drafts with nothing", async () => {
    const texts = projectTexts("UG");
    const first = await makeEntry(t.db, alice.id, { state: "submitted", data: texts.first });
    const draft = await makeEntry(t.db, alice.id, { state: "draft", data: texts.first });
    const second = await makeEntry(t.db, bob.id, { state: "submitted", data: texts.second });
    expect(await pairOf(t.db, first.id, second.id)).toMatchObject({ status: "open" });
    expect(await pairsOf(t.db, draft.id)).toEqual([]);
  });

  it("does not flag the same project in another country", async () => {
    const texts = projectTexts("RW");
    const rwanda = await makeEntry(t.db, alice.id, { state: "published", data: texts.first });
    const burundi = await makeEntry(t.db, bob.id, {
      state: "submitted",
      data: { ...texts.second, countries: ["BI"] },
    });
    expect(await pairOf(t.db, rwanda.id, burundi.id)).toBeUndefined();
  });

  it("matches overlapping country lists, and two international entries without countries", async () => {
    const texts = projectTexts("ET");
    const regional = await makeEntry(t.db, alice.id, {
      state: "published",
      data: { ...texts.first, coverage: "regional", countries: ["ET", "ER", "DJ"] },
    });
    const national = await makeEntry(t.db, bob.id, { state: "submitted", data: texts.second });
    expect(await pairOf(t.db, regional.id, national.id)).toBeDefined();

    const global = projectTexts("ZZ");
    const worldwide = { coverage: "international" as const, countries: [] };
    const first = await makeEntry(t.db, alice.id, {
      state: "published",
      data: { ...global.first, ...worldwide },
    });
    const second = await makeEntry(t.db, bob.id, {
      state: "submitted",
      data: { ...global.second, ...worldwide },
    });
    expect(await pairOf(t.db, first.id, second.id)).toBeDefined();
    // An international entry is not in every country.
    const local = await makeEntry(t.db, bob.id, {
      state: "submitted",
      data: { ...global.second, coverage: "national", countries: ["MW"] },
    });
    expect(await pairOf(t.db, first.id, local.id)).toBeUndefined();
  });

  it("is blind to accents and case", async () => {
    const accented = await makeEntry(t.db, alice.id, {
      state: "published",
      data: {
        title: "Éducation numérique pour les femmes rurales de Thiès",
        organisationName: "Réseau Numérique Sénégalais",
        description:
          "Des cours gratuits de compétences numériques et de paiement mobile pour les femmes des villages de Thiès.",
        language: "fr",
        countries: ["SN"],
      },
    });
    const plain = await makeEntry(t.db, bob.id, {
      state: "submitted",
      data: {
        title: "EDUCATION NUMERIQUE POUR LES FEMMES RURALES DE THIES",
        organisationName: "Reseau Numerique Senegalais",
        description:
          "Des cours gratuits de competences numeriques et de paiement mobile pour les femmes des villages de Thies.",
        language: "fr",
        countries: ["SN"],
      },
    });
    const pair = await pairOf(t.db, accented.id, plain.id);
    expect(pair?.title_score).toBe(1);
    expect(pair?.organisation_score).toBe(1);
    expect(pair?.description_score).toBe(1);
  });

  it("finds a duplicate written in another language through the owner's translation", async () => {
    const texts = projectTexts("CM");
    const english = await makeEntry(t.db, alice.id, { state: "published", data: texts.first });
    // The same project entered in French, with the owner's English translation.
    const french = await makeEntry(t.db, bob.id, {
      state: "draft",
      data: {
        ...texts.second,
        language: "fr",
        title: "Alphabétisation numérique des femmes rurales",
        description:
          "Des cours gratuits le week-end sur les compétences numériques de base et le paiement mobile pour les femmes des villages.",
      },
    });
    const owner = await actorFor(t.db, bob.id);
    await saveEntryTranslation(t.db, owner, french.id, {
      language: "en",
      title: texts.second.title,
      description: texts.second.description,
    });
    await submitEntry(t.db, owner, french.id);
    const pair = await pairOf(t.db, english.id, french.id);
    expect(pair).toBeDefined();
    expect(pair?.title_score).toBeGreaterThanOrEqual(TITLE_SIMILARITY_MIN);
    expect(pair?.organisation_score).toBeGreaterThanOrEqual(ORGANISATION_SIMILARITY_MIN);
  });

  it("keeps flagging an entry that has translations, and a published one with a revision in review", async () => {
    const texts = projectTexts("GH");
    const translated = await makeEntry(t.db, alice.id, { state: "draft", data: texts.first });
    const owner = await actorFor(t.db, alice.id);
    await saveEntryTranslation(t.db, owner, translated.id, {
      language: "ar",
      title: "محو الأمية الرقمية للنساء الريفيات",
      description: "دورات مجانية في المهارات الرقمية الأساسية والدفع عبر الهاتف المحمول للنساء في القرى.",
    });
    await saveEntryTranslation(t.db, owner, translated.id, {
      language: "zh",
      title: "农村妇女数字扫盲",
      description: "为乡村妇女提供基本数字技能和移动支付的免费课程。",
    });
    await submitEntry(t.db, owner, translated.id);
    const other = await makeEntry(t.db, bob.id, { state: "submitted", data: texts.second });
    expect(await pairOf(t.db, translated.id, other.id)).toMatchObject({ status: "open" });
  });
});

describe("a pair marked “not a duplicate”", () => {
  it("is never flagged again, even when an entry is edited and submitted again", async () => {
    const texts = projectTexts("ZM");
    const published = await makeEntry(t.db, alice.id, { state: "published", data: texts.first });
    const submitted = await makeEntry(t.db, bob.id, { state: "submitted", data: texts.second });
    const pair = await pairOf(t.db, published.id, submitted.id);
    expect(pair?.status).toBe("open");

    const decided = await moderator.api("POST", `/api/v1/duplicate-candidates/${pair?.id}/resolution`, {
      decision: "not_duplicate",
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ id: pair?.id, status: "not_duplicate", survivorId: null });

    // Returned, edited to be even closer, and submitted again.
    const returned = await moderator.api("POST", `/api/v1/entries/${submitted.id}/moderation`, {
      decision: "return",
      comment: "Please add dates.",
    });
    expect(returned.statusCode).toBe(200);
    const owner = await actorFor(t.db, bob.id);
    await updateEntry(
      t.db,
      owner,
      submitted.id,
      { ...submitted.data, ...texts.first, startDate: "2020-01-01" },
      { submit: true },
    );

    const pairs = await pairsOf(t.db, submitted.id);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ id: pair?.id, status: "not_duplicate" });
    const list = await moderator.api("GET", "/api/v1/duplicate-candidates?limit=100");
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(pair?.id);
  });
});

describe("flagLikelyDuplicates, as imports call it", () => {
  it("flags many entries in one call, each pair once, and is idempotent", async () => {
    const texts = projectTexts("MZ");
    const first = await makeEntry(t.db, alice.id, { state: "submitted", data: texts.first });
    const second = await makeEntry(t.db, bob.id, { state: "submitted", data: texts.second });
    const third = await makeEntry(t.db, bob.id, {
      state: "published",
      data: { ...texts.first, title: `${texts.first.title}!` },
    });
    const before = await pairsOf(t.db, first.id);
    const flagged = await t.db
      .transaction()
      .execute((trx) => flagLikelyDuplicates(trx, [first.id, second.id, third.id, first.id]));
    // The three pairs between them, each once (found from both sides, stored once).
    expect(flagged).toBe(3);
    const after = await pairsOf(t.db, first.id);
    expect(after.map((pair) => pair.id)).toEqual(expect.arrayContaining(before.map((pair) => pair.id)));
    expect(await pairOf(t.db, second.id, third.id)).toBeDefined();
    const again = await t.db
      .transaction()
      .execute((trx) => flagLikelyDuplicates(trx, [first.id, second.id, third.id]));
    expect(again).toBe(3);
    expect(await pairsOf(t.db, first.id)).toHaveLength(after.length);
    expect(await t.db.transaction().execute((trx) => flagLikelyDuplicates(trx, []))).toBe(0);
  });
});
