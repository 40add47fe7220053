import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEntry } from "../../testing/entry-factory.ts";
import type { MadeUser } from "../../testing/factories.ts";
import { Browser, type TestApp } from "../../testing/test-app.ts";
import { countRows, createEntryTestApp, formFields } from "./entries.testing.ts";
import { prefixQueryLiteral, queryTerms } from "./search-text.ts";

let t: TestApp;
let ownerUser: MadeUser;
let owner: Browser;
let other: Browser;
let moderator: Browser;

beforeAll(async () => {
  ({ t, ownerUser, owner, other, moderator } = await createEntryTestApp({ ownerName: "Tala Translator" }));
});
afterAll(async () => t?.close());

const FRENCH = {
  language: "fr",
  title: "Écoles connectées de Lacustrine",
  description:
    "Relier les écoles rurales de Lacustrine à l’internet à haut débit, avec des enseignants formés.",
};

/** A published English entry of the owner, with words found nowhere else. */
async function publishedEntry(title = "Connected schools of Lakeside") {
  return makeEntry(t.db, ownerUser.id, {
    state: "published",
    data: {
      title,
      description: "Linking the rural schools of Lakeside to broadband, with trained teachers.",
    },
  });
}

/** Saves a translation through the page's form, as the owner's browser would. */
async function postTranslation(entryId: string, fields: Record<string, string>, as = owner) {
  const page = `/entries/${entryId}/translations`;
  return as.submit(page, page, {
    idempotencyKey: `tr-${Math.random().toString(36).slice(2, 12)}`,
    ...fields,
  });
}

/** The owner submits the draft and a moderator publishes it. */
async function publish(entryId: string) {
  expect((await owner.api("POST", `/api/v1/entries/${entryId}/submit`)).statusCode).toBe(200);
  const response = await moderator.api("POST", `/api/v1/entries/${entryId}/moderation`, {
    decision: "publish",
  });
  expect(response.statusCode).toBe(200);
}

/** A fresh visitor reading in `language`, so no language cookie carries over. */
const visitor = (language: string) => ({
  get: (url: string) => new Browser(t.app).get(url, { "accept-language": language }),
  api: (url: string) => new Browser(t.app).api("GET", url, undefined, { "accept-language": language }),
});

async function idsMatchingInSql(words: string): Promise<string[]> {
  const literal = prefixQueryLiteral(queryTerms(words));
  const result = await sql<{ id: string }>`
    select id from entries where search_vector @@ ${literal}::tsquery order by id
  `.execute(t.db);
  return result.rows.map((row) => String(row.id));
}

describe("the owner translates an entry", () => {
  it("adds a translation to the draft, public only once a moderator publishes it", async () => {
    const entry = await publishedEntry();
    const saved = await postTranslation(entry.id, FRENCH);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/entries/${entry.id}/translations`);

    const page = await owner.get(`/entries/${entry.id}/translations`);
    expect(page.body).toContain("Écoles connectées de Lacustrine");
    expect(page.body).toContain(`action="/entries/${entry.id}/translations/fr/remove"`);

    // Not public yet: French readers still get the published original, and search does not know the words.
    const before = await visitor("fr").get(`/entries/${entry.id}`);
    expect(before.body).toContain("Connected schools of Lakeside");
    expect(before.body).not.toContain("Lacustrine");
    expect(await idsMatchingInSql("lacustrine")).not.toContain(entry.id);

    // The moderator screens the translation in full before publishing it.
    const review = await moderator.get(`/moderation/entries/${entry.id}?lang=en`);
    expect(review.body).toContain("Translations");
    expect(review.body).toContain('lang="fr"');
    expect(review.body).toContain("Relier les écoles rurales de Lacustrine");
    await publish(entry.id);

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("subject_id", "=", entry.id)
      .where("action", "=", "entry.translation_add")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ language: "fr" });
  });

  it("shows readers their language when it exists, and the original otherwise, marked as such", async () => {
    const entry = await publishedEntry("Connected schools of Lakeside II");
    await postTranslation(entry.id, { ...FRENCH, title: "Écoles connectées de Lacustrine II" });
    await publish(entry.id);

    const french = await visitor("fr").get(`/entries/${entry.id}`);
    expect(french.body).toMatch(/<h1 dir="auto">Écoles connectées de Lacustrine II<\/h1>/);
    expect(french.body).toContain("Traduction du titulaire de la fiche. Langue d’origine : Anglais.");
    expect(french.body).toContain(`href="/entries/${entry.id}?text=en" hreflang="en"`);
    expect(french.body).toContain("Relier les écoles rurales");

    // No Spanish translation: the English original, in its language, said to be the original.
    const spanish = await visitor("es").get(`/entries/${entry.id}`);
    expect(spanish.body).toMatch(/<h1 dir="auto" lang="en">Connected schools of Lakeside II<\/h1>/);
    expect(spanish.body).toContain("Se muestra en su idioma original (Inglés)");
    expect(spanish.body).toContain(`href="/entries/${entry.id}?text=fr" hreflang="fr"`);

    // English readers get the original with no note, and a way to the French text.
    const english = await visitor("en").get(`/entries/${entry.id}`);
    expect(english.body).toMatch(/<h1 dir="auto">Connected schools of Lakeside II<\/h1>/);
    expect(english.body).not.toContain("original language");
    expect(english.body).toContain('<span lang="fr">Français</span>');

    // `?text=` picks a version; one the entry lacks (or nonsense) falls back to the reader's choice.
    expect((await visitor("fr").get(`/entries/${entry.id}?text=en`)).body).toContain(
      '<h1 dir="auto" lang="en">Connected schools of Lakeside II</h1>',
    );
    expect((await visitor("en").get(`/entries/${entry.id}?text=fr`)).body).toContain(
      '<h1 dir="auto" lang="fr">Écoles connectées de Lacustrine II</h1>',
    );
    for (const text of ["zh", "xx", "<script>"]) {
      const page = await visitor("en").get(`/entries/${entry.id}?text=${encodeURIComponent(text)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<h1 dir="auto">Connected schools of Lakeside II</h1>');
    }
  });

  it("is found by words of any translation, in the index and in SQL, and listed in the reader's language", async () => {
    const entry = await publishedEntry("Connected schools of Lakeside III");
    const zh = await postTranslation(entry.id, {
      language: "zh",
      title: "湖滨学校联网三期",
      description: "为湖滨农村学校接入宽带互联网并培训教师，覆盖全部乡镇。",
    });
    const ru = await postTranslation(entry.id, {
      language: "ru",
      title: "Подключение школ Приозерья",
      description: "Подключение сельских школ Приозерья к широкополосному интернету и обучение учителей.",
    });
    expect([zh.statusCode, ru.statusCode]).toEqual([303, 303]);
    await publish(entry.id);

    expect(await idsMatchingInSql("Приозерья")).toContain(entry.id);
    expect(await idsMatchingInSql("обучение учителей")).toContain(entry.id);

    const inRussian = await visitor("ru").api("/api/v1/entries?q=%D0%BF%D1%80%D0%B8%D0%BE%D0%B7%D0%B5%D1%80");
    const body = inRussian.json() as {
      total: number;
      items: Array<{ id: string; title: string; language: string; originalLanguage: string }>;
    };
    expect(body.items.map((item) => item.id)).toEqual([entry.id]);
    expect(body.items[0]).toMatchObject({
      title: "Подключение школ Приозерья",
      language: "ru",
      originalLanguage: "en",
    });

    // A title word in a translation ranks like one in the original title.
    const inEnglish = await visitor("en").api(
      "/api/v1/entries?q=%D0%BF%D1%80%D0%B8%D0%BE%D0%B7%D0%B5%D1%80%D1%8C%D1%8F",
    );
    expect(inEnglish.json().items[0]).toMatchObject({
      id: entry.id,
      title: "Connected schools of Lakeside III",
      language: "en",
    });

    // The results page in Spanish shows the English original, saying which language it is in.
    const page = await visitor("es").get("/entries?q=Lakeside+III");
    expect(page.body).toContain('<h3 dir="auto" lang="en">');
    expect(page.body).toContain("idioma: Inglés");
    const russianPage = await visitor("ru").get("/entries?q=Lakeside+III");
    expect(russianPage.body).toContain("Подключение школ Приозерья");
    expect(russianPage.body).toContain("перевод владельца");
  });

  it("replaces a translation in the same language, and a save of the same text adds no revision", async () => {
    const entry = await publishedEntry("Connected schools of Lakeside IV");
    await postTranslation(entry.id, FRENCH);
    const revisions = async () =>
      (await t.db.selectFrom("entry_revisions").select("id").where("entry_id", "=", entry.id).execute())
        .length;
    const afterFirst = await revisions();
    expect((await postTranslation(entry.id, FRENCH)).statusCode).toBe(303);
    expect(await revisions()).toBe(afterFirst);

    await postTranslation(entry.id, { ...FRENCH, title: "Écoles connectées, nouvelle version" });
    const api = await owner.api("GET", `/api/v1/entries/${entry.id}`);
    const pending = api.json().pendingRevision as {
      translations: Array<{ language: { code: string }; title: string }>;
    };
    expect(pending.translations).toEqual([
      expect.objectContaining({
        language: { code: "fr", name: "French" },
        title: "Écoles connectées, nouvelle version",
      }),
    ]);

    const history = await owner.get(`/entries/${entry.id}/history?lang=en`);
    expect(history.body).toContain("French: “Écoles connectées, nouvelle version”");
  });

  it("removes a translation from the draft", async () => {
    const entry = await publishedEntry("Connected schools of Lakeside V");
    await postTranslation(entry.id, FRENCH);
    const page = `/entries/${entry.id}/translations`;
    const removed = await owner.submit(page, `${page}/fr/remove`, { idempotencyKey: "remove-fr-once" });
    expect(removed.statusCode).toBe(303);
    const again = await owner.submit(page, `${page}/fr/remove`, { idempotencyKey: "remove-fr-twice" });
    expect(again.statusCode).toBe(404);
    expect((await owner.get(page)).body).not.toContain("/translations/fr/remove");
  });
});

describe("bad translations are refused next to the field, and store nothing", () => {
  const cases: Array<[string, Record<string, string>, string, string]> = [
    [
      "the entry's own language",
      { ...FRENCH, language: "en" },
      "language",
      "Choose a language other than the entry’s own",
    ],
    [
      "a language that is not a UN language",
      { ...FRENCH, language: "de" },
      "language",
      "This value is not valid",
    ],
    ["no language", { ...FRENCH, language: "" }, "language", "Enter a value"],
    ["an empty title", { ...FRENCH, title: "   " }, "title", "Enter a value"],
    ["a title too long", { ...FRENCH, title: "é".repeat(201) }, "title", "Use at most 200 characters"],
    [
      "a description too short",
      { ...FRENCH, description: "Trop court." },
      "description",
      "Use at least 20 characters",
    ],
    [
      "a control character",
      { ...FRENCH, description: `${FRENCH.description}\u0000` },
      "description",
      "This value is not valid",
    ],
  ];
  it.each(cases)("refuses %s", async (_name, fields, field, message) => {
    const entry = await publishedEntry(`Refusals ${field} ${Math.random()}`);
    const before = await countRows(t.db);
    const response = await postTranslation(entry.id, fields);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(message);
    expect(response.body).toMatch(
      new RegExp(`id="field-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-${field}"`),
    );
    expect(response.body).toContain(`href="#field-${field}"`);
    // The summary names the field, so three "Enter a value" links are told apart.
    const label = { language: "Language", title: "Translated title", description: "Translated description" }[
      field
    ];
    expect(response.body).toMatch(new RegExp(`href="#field-${field}">${label}: `));
    expect(await countRows(t.db)).toEqual(before);
  });

  it("refuses to mark the entry as written in a language it has a translation in", async () => {
    const entry = await publishedEntry("Language clash");
    await postTranslation(entry.id, FRENCH);
    const before = await countRows(t.db);
    const form = `/entries/${entry.id}/edit`;
    const response = await owner.submit(form, `/entries/${entry.id}`, {
      ...formFields({ ...entry.data, language: "fr" }),
      intent: "draft",
      idempotencyKey: "language-clash-1",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      "The entry has a translation in this language: remove that translation first",
    );
    expect(await countRows(t.db)).toEqual(before);
  });

  it("lets only the owner translate", async () => {
    const entry = await publishedEntry("Owner only");
    expect((await other.get(`/entries/${entry.id}/translations`)).statusCode).toBe(403);
    const anonymous = await new Browser(t.app).get(`/entries/${entry.id}/translations`);
    expect(anonymous.statusCode).toBe(303);
    expect((await owner.get("/entries/999999999/translations")).statusCode).toBe(404);
  });
});

describe("the translations API", () => {
  it("puts and deletes a translation, replays a retried key, and answers bad input with stable codes", async () => {
    const entry = await publishedEntry("API translations");
    const url = `/api/v1/entries/${entry.id}/translations/es`;
    const body = {
      title: "Escuelas conectadas",
      description: "Conectar las escuelas rurales a la banda ancha.",
    };
    const key = { "idempotency-key": "translation-put-1" };

    const put = await owner.api("PUT", url, body, key);
    expect(put.statusCode).toBe(200);
    expect(put.json().pendingRevision.translations).toEqual([
      { language: { code: "es", name: "Spanish" }, title: body.title, description: body.description },
    ]);
    const replay = await owner.api("PUT", url, body, key);
    expect(replay.headers["idempotent-replayed"]).toBe("true");

    const before = await countRows(t.db);
    const expectProblem = async (
      response: Awaited<ReturnType<Browser["api"]>>,
      status: number,
      code: string,
    ) => {
      expect(response.statusCode).toBe(status);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().code).toBe(code);
    };
    await expectProblem(
      await owner.api("PUT", `/api/v1/entries/${entry.id}/translations/de`, body),
      404,
      "translation_not_found",
    );
    await expectProblem(
      await owner.api("PUT", `/api/v1/entries/${entry.id}/translations/en`, body),
      400,
      "validation_failed",
    );
    const short = await owner.api("PUT", url, { ...body, description: "Corta." });
    await expectProblem(short, 400, "validation_failed");
    expect(short.json().errors).toEqual([
      expect.objectContaining({ field: "description", code: "too_short" }),
    ]);
    await expectProblem(await owner.api("PUT", url, { ...body, extra: 1 }), 400, "validation_failed");
    await expectProblem(await owner.api("PUT", url, { title: body.title }), 400, "validation_failed");
    await expectProblem(await other.api("PUT", url, body), 403, "forbidden");
    await expectProblem(await new Browser(t.app).api("PUT", url, body), 401, "authentication_required");
    await expectProblem(
      await owner
        .api("PUT", url, body, key)
        .then(() => owner.api("PUT", url, { ...body, title: "Otro" }, key)),
      409,
      "idempotency_conflict",
    );
    await expectProblem(
      await owner.api("DELETE", `/api/v1/entries/${entry.id}/translations/ru`),
      404,
      "translation_not_found",
    );
    expect(await countRows(t.db)).toEqual(before);

    const deleted = await owner.api("DELETE", url);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().pendingRevision.translations).toEqual([]);
  });

  it("refuses translations while the entry is under review", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "submitted" });
    const response = await owner.api("PUT", `/api/v1/entries/${entry.id}/translations/fr`, {
      title: FRENCH.title,
      description: FRENCH.description,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("invalid_state_transition");
  });

  it("documents both operations", async () => {
    const doc = (await new Browser(t.app).api("GET", "/openapi.json")).json();
    const path = doc.paths["/api/v1/entries/{id}/translations/{language}"];
    expect(path.put.operationId).toBe("putEntryTranslation");
    expect(path.delete.operationId).toBe("deleteEntryTranslation");
  });
});
