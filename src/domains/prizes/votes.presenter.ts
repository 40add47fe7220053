import type { NomineeRow } from "./votes.repo.ts";
import type { MyVotes, NomineeList } from "./votes.service.ts";
import { type VotingEdition, votingOpen } from "./voting-edition.ts";

/** The edition as voting's API answers show it. */
export function presentVotingEdition(edition: VotingEdition, now = new Date()) {
  return {
    year: edition.year,
    timeZone: edition.timeZone,
    votingOpen: votingOpen(edition, now),
    voting: edition.window
      ? { startsAt: edition.window.startsAt.toISOString(), endsAt: edition.window.endsAt.toISOString() }
      : null,
    categories: edition.categories,
  };
}

export function presentNominee(row: NomineeRow) {
  return {
    id: row.id,
    category: row.category_code,
    title: row.title,
    organisation: row.organisation_name,
    country: row.country_code,
    shortDescription: row.short_description,
  };
}

export function presentNominees(list: NomineeList) {
  return {
    edition: presentVotingEdition(list.edition),
    nomineesPublished: list.edition.nomineesPublished,
    items: list.nominees.map(presentNominee),
  };
}

/**
 * A voter's votes. Whether each counted is said only once the results are published: before,
 * it would tell a fraudster which of their accounts screening caught.
 */
export function presentMyVotes(mine: MyVotes) {
  const published = mine.edition.resultsPublished;
  return {
    edition: presentVotingEdition(mine.edition),
    voted: mine.voted,
    total: mine.categories.length,
    items: mine.categories.map(({ code, vote }) => ({
      category: code,
      vote: vote
        ? {
            id: vote.id,
            nomineeId: vote.submission_id,
            nomineeTitle: vote.title,
            organisation: vote.organisation_name,
            receipt: vote.receipt,
            nonce: vote.receipt_nonce,
            castAt: new Date(vote.cast_at).toISOString(),
            counted: published ? vote.invalidated_at === null : null,
          }
        : null,
    })),
  };
}
