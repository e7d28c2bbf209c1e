import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import { pipeline, Transform, type TransformCallback } from "node:stream";
import { CsvError, parse } from "csv-parse";

/**
 * Opening an uploaded or named CSV file for the import engine and the preview: which encoding it is in
 * (a BOM, else valid UTF-8, else Windows-1252, the "Latin-1" of Excel and older CRMs — decoded with the
 * platform's TextDecoder, never replaced by U+FFFD), whether it is binary (a workbook, a PDF), and a
 * header that can be mapped (no duplicate names, at most MAX_COLUMNS columns). Every refusal is a
 * `CsvFileProblem` with a message a user can act on; csv-parse's own errors are translated the same way.
 */
export const MAX_COLUMNS = 500;
/** csv-parse stops a record that grows past this many characters (a wrong delimiter, a runaway quote). */
const MAX_RECORD_CHARS = 4_000_000;
const SAMPLE_BYTES = 256 * 1024;

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
export const ENCODING_LABEL: Record<CsvEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 (little-endian)",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": 'Windows-1252 (Western European, "Latin-1")',
};

export class CsvFileProblem extends Error {
  /** Spreadsheet row (header = 1) the problem is on, when known. */
  constructor(
    message: string,
    readonly row = 1,
  ) {
    super(message);
    this.name = "CsvFileProblem";
  }
}

function binaryKind(sample: Buffer): string {
  if (sample.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1")))
    return "a zip archive, probably an Excel workbook (.xlsx): open it and save it as CSV (UTF-8)";
  if (sample.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    return "an old Excel or Office file (.xls): open it and save it as CSV (UTF-8)";
  if (sample.subarray(0, 4).toString("latin1") === "%PDF") return "a PDF document, not a CSV file";
  return "binary data (it contains NUL bytes), not a CSV text file — or UTF-16 text without a byte-order mark: save it as CSV (UTF-8)";
}

const SIGNATURES = [
  Buffer.from("PK\x03\x04", "latin1"),
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0]),
  Buffer.from("%PDF", "latin1"),
];

/**
 * A known binary signature, or NUL bytes beyond a stray one or two (random bytes hold one in 256; text
 * none; a stray NUL in a text export stays a row error, reported with its row, see column-limits).
 */
function isBinary(sample: Buffer): boolean {
  if (SIGNATURES.some((sig) => sample.subarray(0, sig.length).equals(sig))) return true;
  let nuls = 0;
  for (let i = sample.indexOf(0); i !== -1; i = sample.indexOf(0, i + 1)) nuls++;
  return nuls > Math.max(2, sample.length / 1000);
}

/** The file's encoding from its first bytes; refuses binary files. */
export function sniffEncoding(filePath: string): CsvEncoding {
  const fd = fs.openSync(filePath, "r");
  let sample: Buffer;
  let whole: boolean;
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buf, 0, SAMPLE_BYTES, 0);
    sample = buf.subarray(0, n);
    whole = n < SAMPLE_BYTES;
  } finally {
    fs.closeSync(fd);
  }
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  if (isBinary(sample)) throw new CsvFileProblem(`This file is ${binaryKind(sample)}.`);
  if (isUtf8(whole ? sample : sample.subarray(0, completeLength(sample)))) return "utf-8";
  return "windows-1252";
}

/** Length of `buf` without a multi-byte UTF-8 sequence cut off at its end. */
function completeLength(buf: Buffer): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
    const b = buf[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return buf.length - i >= need ? buf.length : i;
  }
  return buf.length;
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Passes UTF-8 bytes through unchanged while checking them (node:buffer isUtf8, native): a file that
 * looked like UTF-8 at the start but holds another encoding later is refused, naming the line.
 */
class Utf8Check extends Transform {
  private carry = Buffer.alloc(0);
  private lines = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(buf);
    const body = buf.subarray(0, cut);
    if (!isUtf8(body)) return done(this.problem(body));
    this.lines += countNewlines(body);
    this.carry = Buffer.from(buf.subarray(cut));
    done(null, chunk);
  }
  override _flush(done: TransformCallback) {
    done(this.carry.length ? this.problem(this.carry) : null);
  }
  private problem(body: Buffer) {
    const text = new TextDecoder("utf-8").decode(body);
    const at = text.indexOf("\uFFFD");
    const line = this.lines + (text.slice(0, Math.max(0, at)).match(/\n/g)?.length ?? 0) + 1;
    return new CsvFileProblem(
      `Line ${line.toLocaleString("en-US")} is not valid UTF-8, although the file starts as UTF-8: part of it is in another encoding (often Windows-1252 / Latin-1). Save the whole file as CSV (UTF-8) and import it again.`,
      line,
    );
  }
}

/** Decodes another encoding to text for csv-parse (TextDecoder: never invents U+FFFD for Windows-1252). */
class Decode extends Transform {
  private readonly decoder: TextDecoder;
  constructor(encoding: CsvEncoding) {
    super();
    this.decoder = new TextDecoder(encoding);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    done(null, this.decoder.decode(chunk, { stream: true }));
  }
  override _flush(done: TransformCallback) {
    const rest = this.decoder.decode();
    done(null, rest || undefined);
  }
}

/** csv-parse's errors as a message for people (row = spreadsheet row, header = 1). */
export function csvProblem(err: unknown): CsvFileProblem | null {
  if (err instanceof CsvFileProblem) return err;
  if (!(err instanceof CsvError)) return null;
  const info = err as CsvError & { records?: number; lines?: number };
  const row = (info.records ?? 0) + 1;
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new CsvFileProblem(
        `Row ${row}: a value opens with a quote (") that is never closed before the end of the file. Remove the stray quote, or close it, and upload again.`,
        row,
      );
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return new CsvFileProblem(
        `Row ${row}: a quote (") in the middle of a value. In CSV a value with quotes must be quoted as a whole, with inner quotes doubled ("like ""this"""). Fix the row, or export the file again as CSV.`,
        row,
      );
    case "CSV_MAX_RECORD_SIZE":
      return new CsvFileProblem(
        `Row ${row} is longer than ${MAX_RECORD_CHARS.toLocaleString("en-US")} characters: the file is probably not comma-separated, or a quote is not closed.`,
        row,
      );
    default:
      return new CsvFileProblem(`Row ${row}: the file is not valid CSV (${err.message.split(":")[0]}).`, row);
  }
}

/** The header's problems: duplicate names (which column would a field use?), too many columns. */
export function headerProblem(headers: string[]): CsvFileProblem | null {
  if (headers.length > MAX_COLUMNS)
    return new CsvFileProblem(
      `The file has ${headers.length.toLocaleString("en-US")} columns; imports take at most ${MAX_COLUMNS}. Keep the columns you want to import and upload again.`,
    );
  const seen = new Map<string, number>();
  for (const h of headers) if (h) seen.set(h, (seen.get(h) ?? 0) + 1);
  const dups = [...seen].filter(([, n]) => n > 1);
  if (dups.length)
    return new CsvFileProblem(
      `${dups.map(([h, n]) => `"${h}" appears ${n} times`).join(", ")} in the header row. Rename or remove the extra column so each name is used once, and upload again.`,
    );
  return null;
}

/**
 * The file's CSV records, decoded, and how far into the file (0…1 of its bytes) the reader has got.
 * `toLine` stops parsing early (the preview). Parser errors surface from the iterator as csv-parse errors
 * (translate with `csvProblem`).
 */
export function openCsv(filePath: string, opts: { toLine?: number } = {}) {
  const encoding = sniffEncoding(filePath);
  const size = fs.statSync(filePath).size;
  const file = fs.createReadStream(filePath);
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
    ...(opts.toLine ? { to_line: opts.toLine } : {}),
  });
  // pipeline(): an error in any step (reading, decoding, parsing) destroys every step and surfaces from
  // the records iterator; leaving the loop early closes the file. The callback has nothing left to do.
  pipeline(file, encoding === "utf-8" ? new Utf8Check() : new Decode(encoding), parser, () => {});
  const records = parser as AsyncIterable<string[]>;
  return {
    encoding,
    records,
    fractionRead: () => (size ? Math.min(1, file.bytesRead / size) : 1),
    close: () => parser.destroy(),
  };
}

/** The header row, trimmed; refuses duplicate names and too many columns. */
export async function readCsvHeaders(filePath: string): Promise<{ headers: string[]; encoding: CsvEncoding }> {
  const csv = openCsv(filePath, { toLine: 1 });
  let headers: string[] = [];
  try {
    for await (const record of csv.records) {
      headers = record.map((h) => h.trim());
      break;
    }
  } catch (err) {
    throw csvProblem(err) ?? err;
  } finally {
    csv.close();
  }
  const problem = headerProblem(headers);
  if (problem) throw problem;
  return { headers, encoding: csv.encoding };
}
