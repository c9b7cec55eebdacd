/**
 * The instance workbook and imports from spreadsheets (Node and browser alike: bytes in,
 * bytes or instances out; files are the CLI's business).
 */
export { instanceToWorkbook, hasResidency, type WorkbookOptions } from "./write.js";
export { workbookToInstance } from "./read.js";
export { traineesFromCsv, decodeText, type CsvOptions, type CsvResult } from "./csv.js";
