import { cli } from "./server.ts";

/** An API token for `email`, made with the CLI before the server holds the data directory's lock. */
export function apiToken(
  dataDir: string,
  email: string,
  scopes = "entries:read,entries:write,moderation",
): string {
  return cli(dataDir, ["token:create", "--email", email, "--scopes", scopes]).trim();
}

const ENTRY = {
  title: "Village libraries online",
  description:
    "Connecting village libraries to the internet and training librarians to teach digital skills.",
  language: "en",
  organisationName: "Libraries Without Walls",
  stakeholderType: "civil_society",
  coverage: "national",
  countries: ["KE"],
  actionLines: ["C4"],
  sdgs: [4],
  targetGroups: ["youth"],
  projectStatus: "ongoing",
  startDate: "2022-05-01",
};

const TRANSLATIONS: Record<string, { title: string; description: string }> = {
  fr: {
    title: "Bibliothèques villageoises en ligne",
    description:
      "Relier les bibliothèques de village à l’internet et former les bibliothécaires au numérique.",
  },
  ar: {
    title: "مكتبات القرى على الإنترنت",
    description: "ربط مكتبات القرى بالإنترنت وتدريب أمناء المكتبات على تعليم المهارات الرقمية.",
  },
};

/**
 * A published English entry with French and Arabic translations, made through the API as an owner
 * (who is also a moderator) would: so French and Arabic readers see a translation, the others the
 * original marked as such.
 */
export async function publishTranslatedEntry(baseUrl: string, token: string): Promise<string> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const { id } = await call("POST", "/api/v1/entries", ENTRY);
  for (const [language, text] of Object.entries(TRANSLATIONS)) {
    await call("PUT", `/api/v1/entries/${id}/translations/${language}`, text);
  }
  await call("POST", `/api/v1/entries/${id}/submit`);
  await call("POST", `/api/v1/entries/${id}/moderation`, { decision: "publish" });
  return id;
}
