import { FormClient } from "./form-client.ts";
import type { ForumSchedule } from "./forum-schedule.ts";
import type { Account } from "./live-prizes.ts";

/**
 * Publishes the programme of the programme-building edition (F3's publish form, confirmed), so the
 * public programme, its session pages, "what changed" and the personal agenda (F4) have a published
 * version to show.
 */
export async function publishForumProgramme(
  baseUrl: string,
  admin: Account,
  schedule: ForumSchedule,
): Promise<void> {
  const client = new FormClient(baseUrl, "en");
  await client.signIn(admin.email, admin.password);
  const programme = `/forum/${schedule.year}/secretariat/programme`;
  await client.submit(programme, `${programme}/publish`, [["confirm", "yes"]]);
}
