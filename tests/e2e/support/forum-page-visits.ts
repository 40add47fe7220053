import { hiddenFields } from "./form-client.ts";
import { type ForumFixtures, forumOutcomeAndAdminPages, SCHEDULE_YEAR } from "./forum-editions.ts";

/** How a page check fetches: a page (its HTML), a form posted for its errors, a form that must redirect. */
export interface PageVisitor {
  visit(name: string, path: string, status?: number): Promise<string>;
  post(name: string, path: string, form: URLSearchParams, status?: number): Promise<void>;
  redirected(path: string, form: URLSearchParams): Promise<string>;
}

/**
 * Every Forum page type, for a signed-in admin (who is the secretariat too), with its forms sent
 * empty where they have errors to show. Run once per language: in the second one the session is
 * already starred.
 */
export async function visitForumPages({ visit, post, redirected }: PageVisitor, forum: ForumFixtures) {
  // Forum OCP (F2): the official submission and a request form (each sent empty: errors), "my
  // requests", the secretariat's list, a request's review page (declined without a reason) and
  // the live analysis.
  const ocpPath = `/forum/${forum.ocp.year}/ocp`;
  await post("forum-ocp-errors", ocpPath, hiddenFields(await visit("forum-ocp", ocpPath), ocpPath));
  const requestsPath = `/forum/${forum.ocp.year}/requests`;
  const requestForm = hiddenFields(
    await visit("forum-request-new", `${requestsPath}/new?kind=workshop`),
    requestsPath,
  );
  requestForm.set("intent", "submit");
  await post("forum-request-errors", requestsPath, requestForm);
  await visit("forum-my-requests", "/forum/my-requests");
  const reviewPath = `/forum/${forum.ocp.year}/secretariat/requests`;
  await visit("forum-secretariat-requests", reviewPath);
  const declinePath = `${reviewPath}/${forum.ocp.requestId}/decline`;
  const reviewPage = await visit("forum-secretariat-request", `${reviewPath}/${forum.ocp.requestId}`);
  await post("forum-secretariat-request-errors", declinePath, hiddenFields(reviewPage, declinePath));
  await visit("forum-ocp-analysis", `${reviewPath}/analysis`);
  // Forum programme building (F3): the grid and publication sent without its confirmation, a
  // session's page and its slot form sent empty.
  const programme = `/forum/${forum.schedule.year}/secretariat/programme`;
  const sessionPath = `${programme}/sessions/${forum.schedule.sessionNumber}`;
  const scheduleHtml = await visit("forum-schedule", programme);
  await post(
    "forum-schedule-publish-errors",
    `${programme}/publish`,
    hiddenFields(scheduleHtml, `${programme}/publish`),
  );
  const sessionHtml = await visit("forum-schedule-session", sessionPath);
  await post(
    "forum-schedule-session-errors",
    `${sessionPath}/slot`,
    hiddenFields(sessionHtml, `${sessionPath}/slot`),
  );
  // Forum editions and outcomes (F1): the list, the history (chart and table), a live and a past
  // edition, the outcome and admin pages, and the new-edition form sent empty (errors).
  await visit("forum", "/forum");
  await visit("forum-history", "/forum/history");
  await visit("forum-edition", `/forum/${SCHEDULE_YEAR}`);
  await visit("forum-edition-past", "/forum/2024");
  for (const [name, path] of forumOutcomeAndAdminPages(forum.schedule)) await visit(name, path);
  const forumNew = hiddenFields(await visit("admin-forum-new", "/admin/forum/new"), "/admin/forum");
  await post("admin-forum-new-errors", "/admin/forum", forumNew);
  // Public programme and personal agenda (F4): the programme, with a visitor's zone, with bad
  // filters (400: shown next to the fields), a session starred from its page, the agenda and a
  // new calendar address (201: shown once), "what changed".
  const programmePath = `/forum/${SCHEDULE_YEAR}/programme`;
  const sessionPage = `/forum/${SCHEDULE_YEAR}/sessions/${forum.schedule.sessionNumber}`;
  await visit("forum-programme", programmePath);
  await visit("forum-programme-tz", `${programmePath}?tz=Etc/GMT%2B12&q=open+data`);
  await visit("forum-programme-errors", `${programmePath}?type=party&tz=Mars/Olympus`, 400);
  const forumSessionHtml = await visit("forum-session", sessionPage);
  // Starred in English; in Arabic it is starred already.
  const starAction = `${sessionPage}/star`;
  if (forumSessionHtml.includes(`action="${starAction}"`))
    await redirected(starAction, hiddenFields(forumSessionHtml, starAction));
  const agendaHtml = await visit("forum-my-agenda", "/forum/my-agenda");
  await post(
    "forum-my-agenda-ical",
    "/forum/my-agenda/ical",
    hiddenFields(agendaHtml, "/forum/my-agenda/ical"),
    201,
  );
  await visit("forum-changes", `/forum/${SCHEDULE_YEAR}/changes`);
  // Registration (F5): the form, sent empty; one's registrations; a session's places; the
  // accreditation and focal points page; the door check-in page.
  const registerPath = `/forum/${forum.registrationYear}/register`;
  await post(
    "forum-register-errors",
    registerPath,
    hiddenFields(await visit("forum-register", registerPath), registerPath),
  );
  await visit("forum-my-registration", "/forum/my-registration");
  await visit("forum-places", `/forum/${SCHEDULE_YEAR}/sessions/${forum.schedule.sessionNumber}/places`);
  await visit("forum-accreditation", `/forum/${forum.registrationYear}/secretariat/registrations`);
  await visit("forum-checkin", `/forum/${forum.registrationYear}/checkin`);
}
