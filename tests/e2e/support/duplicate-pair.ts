/**
 * Two entries describing one project, made through the API as an owner who is also a moderator
 * would: the first published, the second submitted, so the second is flagged as a likely duplicate
 * of the first. Returns the flagged pair's id (for the duplicates pages).
 */
export async function flagDuplicatePair(baseUrl: string, token: string): Promise<string> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const entry = {
    title: "Digital literacy for rural women in Kakamega",
    description:
      "Free courses in basic digital skills and mobile money for women in the villages of Kakamega, run in community halls every weekend.",
    language: "en",
    organisationName: "Kenya ICT Literacy Trust",
    stakeholderType: "civil_society",
    coverage: "national",
    countries: ["KE"],
    actionLines: ["C4"],
    sdgs: [5],
    targetGroups: ["women_girls"],
    projectStatus: "ongoing",
    startDate: "2023-02-01",
  };
  const first = await call("POST", "/api/v1/entries", { ...entry, submit: true });
  await call("POST", `/api/v1/entries/${first.id}/moderation`, { decision: "publish" });
  await call("POST", "/api/v1/entries", {
    ...entry,
    title: "Digital literacy programme for rural women (Kakamega)",
    description:
      "Free weekend courses in basic digital skills and mobile money for women living in the villages of Kakamega, held in community halls.",
    submit: true,
  });
  const list = await call("GET", "/api/v1/duplicate-candidates?limit=1");
  const [pair] = list.items as Array<{ id: string }>;
  if (!pair) throw new Error("the second entry was not flagged as a likely duplicate");
  return pair.id;
}
