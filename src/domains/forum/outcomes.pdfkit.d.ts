/** The one pdfkit method the Outcome Document needs beyond those the certificates declare. */
declare module "pdfkit" {
  export default interface PDFDocument {
    addPage(): this;
  }
}
