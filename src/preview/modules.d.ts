/** The example workbook as JSON, generated at build time from examples/six-plants.xlsx (scripts/preview-workbook.js). */
declare module "preview-workbook.json" {
  const data: unknown;
  export default data;
}
