/** Helpers of the workbook tests: edit a written workbook as another program would, read a zip entry. */
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { instanceToWorkbook } from "../../src/index.js";
import type { Instance } from "../../src/model/types.js";
import { tinyInstance } from "../helpers/tiny.js";

export type Edit = (wb: ExcelJS.Workbook) => void;

/** The tiny instance's workbook (or `inst`'s) after `edit`, as bytes (saved again by exceljs). */
export async function edited(edit: Edit, inst: Instance = tinyInstance()): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await instanceToWorkbook(inst)) as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** One entry of a zip file (an .xlsx) as text, from its central directory. */
export function zipEntry(zip: Buffer, name: string): string | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(p + 10), size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28), extra = zip.readUInt16LE(p + 30), comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString("utf8", p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    p += 46 + nameLen + extra + comment;
  }
  return undefined;
}
