import type { FastifyInstance } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { certificatePdf } from "./certificates.service.ts";
import { yearParam } from "./results-params.ts";

/** Published results do not change; a day of caching spares the font work of a redraw. */
const CACHE = "public, max-age=86400";

/**
 * `/prizes/:year/certificates/:submissionId.pdf`: the certificate of a winner or champion, public
 * once the results are published; 404 `certificate_not_found` otherwise.
 */
export async function certificateRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/prizes/:year/certificates/:file",
    { config: { permission: "public" }, compress: false },
    async (request, reply) => {
      const year = yearParam(request);
      const file = (request.params as { file: string }).file;
      const match = /^(\d{1,18})\.pdf$/.exec(file);
      if (!match) throw new AppError("certificate_not_found", 404);
      const { certificate, pdf } = await certificatePdf(app.deps.db, year, match[1] as string, request.lang);
      return reply
        .code(200)
        .header("content-type", "application/pdf")
        .header("cache-control", CACHE)
        .header(
          "content-disposition",
          `inline; filename="wsis-prizes-${year}-${certificate.award}-${certificate.submissionId}.pdf"`,
        )
        .send(pdf);
    },
  );
}
