import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { type Language, localName, translator } from "../../platform/i18n.ts";
import { isRowId } from "../../platform/validation.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { type CertificateText, renderCertificatePdf } from "./certificates.pdf.ts";
import { findEditionByYear } from "./editions.repo.ts";
import { findNomineeDetails, findSubmissionAwards } from "./results.repo.ts";

/** What a certificate states: a published award of one submission. */
export interface Certificate {
  year: number;
  submissionId: string;
  title: string;
  organisation: string;
  categoryCode: string;
  award: "winner" | "champion";
  publishedAt: Date;
}

const notFound = () => new AppError("certificate_not_found", 404);

/**
 * The certificate of a winner or champion, once the edition's results are published; 404
 * `certificate_not_found` for any other submission, an unpublished edition or a malformed id.
 */
export async function findCertificate(
  db: Kysely<Database>,
  year: number,
  submissionId: string,
): Promise<Certificate> {
  if (!isRowId(submissionId) || !Number.isInteger(year)) throw notFound();
  const edition = await findEditionByYear(db, year);
  const publishedAt = edition?.results_published_at as Date | string | null | undefined;
  if (!edition || !publishedAt) throw notFound();
  const awards = await findSubmissionAwards(db, edition.id, submissionId);
  const details = (await findNomineeDetails(db, edition.id, [submissionId])).get(submissionId);
  if (awards.length === 0 || !details) throw notFound();
  return {
    year,
    submissionId,
    title: details.title,
    organisation: details.organisation,
    categoryCode: details.categoryCode,
    award: awards.some((award) => award.award === "winner") ? "winner" : "champion",
    publishedAt: new Date(publishedAt),
  };
}

/**
 * The certificate's wording in `lang`, any of the six languages (the certificate fonts draw all
 * their scripts, Arabic right to left: see `certificates.pdf.ts`).
 */
export async function certificateText(
  db: Kysely<Database>,
  certificate: Certificate,
  lang: Language,
): Promise<CertificateText> {
  const reference = await loadReferenceData(db);
  const line = reference.actionLines.find((item) => item.code === certificate.categoryCode);
  const t = translator(lang);
  const edition = t("prizes.results.certificate.edition", { year: certificate.year });
  const category = line ? `${line.code} · ${localName(line.names, lang)}` : certificate.categoryCode;
  const award =
    certificate.award === "winner"
      ? t("prizes.results.certificate.winner")
      : t("prizes.results.certificate.champion");
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(
    certificate.publishedAt,
  );
  return {
    lang,
    documentTitle: `${edition} — ${award} — ${certificate.title}`,
    edition,
    heading: t("prizes.results.certificate.heading"),
    intro: t("prizes.results.certificate.intro"),
    projectTitle: certificate.title,
    organisation: certificate.organisation,
    award,
    category: t("prizes.results.certificate.category", { category }),
    footer: t("prizes.results.certificate.footer", { date }),
  };
}

/** The certificate as PDF bytes, in the reader's language. */
export async function certificatePdf(
  db: Kysely<Database>,
  year: number,
  submissionId: string,
  lang: Language,
): Promise<{ certificate: Certificate; pdf: Buffer }> {
  const certificate = await findCertificate(db, year, submissionId);
  const pdf = await renderCertificatePdf(await certificateText(db, certificate, lang));
  return { certificate, pdf };
}
