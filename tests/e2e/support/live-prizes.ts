import type { MailCatcher } from "../../../src/testing/mail-catcher.ts";
import { FormClient, firstLink, hiddenFields } from "./form-client.ts";
import {
  assertBefore,
  MINUTE,
  nextMinute,
  phaseStarts,
  scheduledEditionForm,
  waitForClock,
} from "./prize-edition.ts";

/**
 * WSIS Prizes editions in each live phase, made on a running server the way people make them:
 * through the admin's edition form and user page, the registration of the submitters, experts and
 * secretariat (verified by the link mailed to them), entry and submission forms, the
 * secretariat's expert, selection and publication forms, the experts' score forms and a voter's
 * ballot. No database write and no clock trick: the server's clock opens phases, so the editions
 * that need earlier phases get windows a minute long and the set-up waits for them to pass (the
 * admin pages extend phases, never shorten a started one).
 */

export interface Account {
  email: string;
  password: string;
}

/** One edition per live phase, each a distinct year. */
export interface LiveYears {
  submission: number;
  review: number;
  nomination: number;
  voting: number;
}

export interface LivePrizes {
  years: LiveYears;
  /** A registered account the admin made a moderator: the prize secretariat, an expert and a voter too. */
  secretariat: Account;
  /** Registered with an organisation, with two entries, and no project in the submission edition. */
  submitter: Account;
  /** A submission of the review edition (C1) the secretariat, an expert there, has still to score. */
  reviewSubmissionId: string;
  /** A submission of the nomination edition scored by two experts. */
  scoredSubmissionId: string;
  /** The voting edition's category the secretariat voted in, and one with nominees not yet voted in. */
  votedCategory: string;
  ballotCategory: string;
}

export const PASSWORD = "correct horse battery staple";
const CRITERIA = ["relevance", "impact", "empowerment", "sdg_relevance"];

/** A short description of exactly `count` words (the form wants 150–200). */
export function wordsOf(count: number, topic = "rural schools"): string {
  const sentence = `Solar kits and offline tablets bring digital lessons on ${topic} to remote villages
    where teachers train peers and families join evening classes together`;
  const pool = sentence.split(/\s+/);
  return Array.from({ length: count }, (_, index) => pool[index % pool.length]).join(" ");
}

/** Registers an account with an organisation and opens the link mailed to it; signed in after. */
export async function registerParticipant(
  baseUrl: string,
  mail: MailCatcher,
  person: { name: string; email: string; organisation: string; country: string },
): Promise<FormClient> {
  const client = new FormClient(baseUrl, "en");
  await client.submit("/register", "/register", [
    ["name", person.name],
    ["email", person.email],
    ["password", PASSWORD],
    ["confirmPassword", PASSWORD],
    ["organisation", person.organisation],
    ["stakeholderType", "civil_society"],
    ["country", person.country],
  ]);
  const message = await mail.waitFor(person.email, /verify-email\?token=/);
  const token = message.match(/verify-email\?token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no verification link mailed to ${person.email}`);
  const verified = await client.get(`/verify-email?token=${token}`);
  if (verified.status !== 200) throw new Error(`verification of ${person.email}: ${verified.status}`);
  await client.signIn(person.email, PASSWORD);
  return client;
}

/** A stocktaking entry of the signed-in account, saved and submitted for moderation (so it may be entered). */
export async function submittedEntry(
  client: FormClient,
  title: string,
  organisation: { name: string; country: string },
): Promise<string> {
  const draft = await client.submit("/entries/new", "/entries", [
    ["title", title],
    ["description", `${title}: solar kits and offline tablets bring digital lessons to rural schools.`],
    ["language", "en"],
    ["organisationName", organisation.name],
    ["stakeholderType", "civil_society"],
    ["coverage", "national"],
    ["countries", organisation.country],
    ["actionLines", "C7-elearn"],
    ["sdgs", "4"],
    ["projectStatus", "ongoing"],
    ["startDate", "2024-09-01"],
    ["intent", "save"],
  ]);
  const id = draft.split("/").pop() as string;
  await client.submit(`/entries/${id}`, `/entries/${id}/submit`, []);
  return id;
}

/** Enters an entry into a category of an edition, submitted for review; returns the submission id. */
export async function submitProject(
  client: FormClient,
  year: number,
  entryId: string,
  category: string,
  title: string,
): Promise<string> {
  const location = await client.submit(`/prizes/${year}/submit`, `/prizes/${year}/submit`, [
    ["entryId", entryId],
    ["category", category],
    ["title", title],
    ["shortDescription", wordsOf(160, title)],
    ["actionLineSdgLinks", "C7 e-learning serves SDG 4, quality education."],
    ["gdcObjectives", "1"],
    ["impact", "Forty schools and twelve thousand pupils reached in two years."],
    ["partnerships", "The ministry of education and three village cooperatives."],
    ["challenges", "Spare parts; next year the project trains local repairers."],
    ["projectStage", "completed"],
    ["intent", "submit"],
  ]);
  return location.split("/").pop() as string;
}

/**
 * Makes the four live editions and everything their pages show, `admin` being an administrator's
 * signed-in client (the caller's other set-ups may share it). Takes about three minutes, most of it
 * waiting for the short phases to pass, so callers start it early and await it late.
 */
export async function setUpLivePrizes(
  baseUrl: string,
  mail: MailCatcher,
  admin: FormClient,
  years: LiveYears,
): Promise<LivePrizes> {
  // The secretariat and a second expert register like anyone; the admin makes the first a moderator.
  const sam = { email: `sam.${years.submission}@e2e.example.org`, password: PASSWORD };
  const secretariat = await registerParticipant(baseUrl, mail, {
    name: "Sam Secretariat",
    email: sam.email,
    organisation: "WSIS Prizes Secretariat",
    country: "CH",
  });
  const account = firstLink(
    (await admin.get(`/admin/users?q=${encodeURIComponent(sam.email)}`)).html,
    "/admin/users/",
  );
  await admin.submit(account, `${account}/role`, [["role", "moderator"]]);
  const expert = await registerParticipant(baseUrl, mail, {
    name: "Eve Expert",
    email: `eve.${years.submission}@e2e.example.org`,
    organisation: "Independent Evaluators Network",
    country: "FR",
  });

  const submitter = { email: `amina.${years.submission}@e2e.example.org`, password: PASSWORD };
  const sahel = { name: "Sahel Digital Schools Initiative", country: "SN" };
  const volta = { name: "Volta Community Radio", country: "GH" };
  const first = await registerParticipant(baseUrl, mail, {
    name: "Amina Diallo",
    email: submitter.email,
    organisation: sahel.name,
    country: sahel.country,
  });
  const second = await registerParticipant(baseUrl, mail, {
    name: "Kofi Mensah",
    email: `kofi.${years.submission}@e2e.example.org`,
    organisation: volta.name,
    country: volta.country,
  });
  const entries = {
    a1: await submittedEntry(first, "Solar classrooms for Kolda", sahel),
    a2: await submittedEntry(first, "Teacher training by radio", sahel),
    b1: await submittedEntry(second, "Village radio lessons", volta),
    b2: await submittedEntry(second, "Market prices by text message", volta),
  };

  // Phase boundaries on whole minutes: submissions before `reviewFrom`, scores before
  // `nominationFrom`, publication before `votingFrom`.
  const reviewFrom = nextMinute(Date.now() + 45_000);
  const nominationFrom = reviewFrom + MINUTE;
  const votingFrom = nominationFrom + MINUTE;
  const create = async (year: number, starts: number[]) => {
    const base = hiddenFields((await admin.get("/admin/prizes/new")).html, "/admin/prizes");
    const answer = await admin.post("/admin/prizes", scheduledEditionForm(base, year, starts));
    if (answer.status !== 303) throw new Error(`edition ${year} refused: ${answer.status}`);
  };
  await create(years.submission, phaseStarts([]));
  await create(years.review, phaseStarts([reviewFrom]));
  await create(years.nomination, phaseStarts([reviewFrom, nominationFrom]));
  await create(years.voting, phaseStarts([reviewFrom, nominationFrom, votingFrom]));

  const review = {
    a1: await submitProject(first, years.review, entries.a1, "C1", "Solar classrooms for Kolda"),
    b1: await submitProject(second, years.review, entries.b1, "C1", "Village radio lessons"),
  };
  const nomination = {
    a1: await submitProject(first, years.nomination, entries.a1, "C1", "Solar classrooms for Kolda"),
    b1: await submitProject(second, years.nomination, entries.b1, "C1", "Village radio lessons"),
  };
  const voting = {
    a1: await submitProject(first, years.voting, entries.a1, "C1", "Solar classrooms for Kolda"),
    b1: await submitProject(second, years.voting, entries.b1, "C1", "Village radio lessons"),
    a2: await submitProject(first, years.voting, entries.a2, "C2", "Teacher training by radio"),
    b2: await submitProject(second, years.voting, entries.b2, "C2", "Market prices by text message"),
  };
  const experts = (year: number) => `/prizes/${year}/secretariat/nominations/experts`;
  for (const [year, email] of [
    [years.review, sam.email],
    [years.nomination, sam.email],
    [years.nomination, `eve.${years.submission}@e2e.example.org`],
  ] as const)
    await secretariat.submit(experts(year), experts(year), [
      ["email", email],
      ["category", "C1"],
    ]);
  const selection = (category: string) => `/prizes/${years.voting}/secretariat/nominations/${category}`;
  await secretariat.submit(selection("C1"), selection("C1"), [
    ["nominees", voting.a1],
    ["nominees", voting.b1],
  ]);
  await secretariat.submit(selection("C2"), selection("C2"), [
    ["nominees", voting.a2],
    ["nominees", voting.b2],
  ]);
  assertBefore(reviewFrom, "Submitting the projects");

  // Review: two experts score both projects of the nomination edition, differently.
  await waitForClock(reviewFrom);
  const score = (client: FormClient, id: string, value: number) => {
    const path = `/prizes/${years.nomination}/review/${id}`;
    return client.submit(
      path,
      path,
      CRITERIA.flatMap((code, index) => [
        [`score-${code}`, String(Math.min(10, value + index))],
        [`comment-${code}`, `Scored ${value + index} on ${code}.`],
      ]),
    );
  };
  await score(secretariat, nomination.a1, 7);
  await score(expert, nomination.a1, 4);
  await score(secretariat, nomination.b1, 5);
  await score(expert, nomination.b1, 6);
  assertBefore(nominationFrom, "Scoring");

  // Nomination: the voting edition's list is published once its review has ended.
  await waitForClock(nominationFrom);
  const nominations = `/prizes/${years.voting}/secretariat/nominations`;
  await secretariat.submit(nominations, `${nominations}/publish`, [["confirm", "yes"]]);
  assertBefore(votingFrom, "Publishing the nominated list");

  // Voting: the secretariat member votes in C1, so the ballot and "My votes" show a receipt.
  await waitForClock(votingFrom);
  const ballot = `/prizes/${years.voting}/vote/C1`;
  await secretariat.submit(ballot, ballot, [["nominee", voting.a1]]);

  return {
    years,
    secretariat: sam,
    submitter,
    reviewSubmissionId: review.a1,
    scoredSubmissionId: nomination.a1,
    votedCategory: "C1",
    ballotCategory: "C2",
  };
}

/**
 * Starts the set-up without waiting for it; the rejection is kept for whoever awaits the promise,
 * and not reported as unhandled meanwhile.
 */
export function startLivePrizes(...args: Parameters<typeof setUpLivePrizes>): Promise<LivePrizes> {
  const running = setUpLivePrizes(...args);
  running.catch(() => undefined);
  return running;
}
