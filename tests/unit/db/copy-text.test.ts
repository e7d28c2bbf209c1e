import { describe, expect, it } from "vitest";
import { copyField, copyLine, CopyChunk, escapeCopyText } from "#db/copy-text";

/** The inverse of COPY text escaping, as PostgreSQL's CopyReadAttributesText applies it to our output. */
function unescape(field: string): string | null {
  if (field === "\\N") return null;
  return field.replace(/\\(.)/gs, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", "\\": "\\" })[c] ?? c);
}

describe("COPY text encoder", () => {
  const nasty = [
    "plain",
    "",
    " leading and trailing ",
    "comma, inside",
    'double "quotes"',
    "tab\there",
    "new\nline",
    "crlf\r\nline",
    "back\\slash",
    "\\N",
    "\\.",
    "ends with backslash\\",
    "{braces}",
    "ünïcödé — 日本語 — emoji 🚀",
    "NULL",
    "a\u2028b",
  ];

  it("escapes the four characters that delimit COPY text and nothing else", () => {
    expect(escapeCopyText("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(escapeCopyText('comma, "quote" 🚀')).toBe('comma, "quote" 🚀');
  });

  it("round-trips nasty strings: one line, one field per value, original text back", () => {
    const line = copyLine(nasty);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
    const fields = line.slice(0, -1).split("\t");
    expect(fields).toHaveLength(nasty.length);
    expect(fields.map(unescape)).toEqual(nasty);
  });

  it("writes NULL as \\N, distinct from the text \\N and the empty string", () => {
    expect(copyLine([null, undefined, "\\N", ""])).toBe("\\N\t\\N\t\\\\N\t\n");
  });

  it("writes numbers, booleans, dates, arrays and objects as PostgreSQL input text", () => {
    expect(copyField(42)).toBe("42");
    expect(copyField(-0.5)).toBe("-0.5");
    expect(copyField(12345678901234567890n)).toBe("12345678901234567890");
    expect(copyField(true)).toBe("t");
    expect(copyField(false)).toBe("f");
    expect(copyField(new Date("2025-02-01T10:00:00Z"))).toBe("2025-02-01T10:00:00.000Z");
    expect(copyField(["a.example", 'say "hi"', "c,d", "back\\slash", null, ""])).toBe(
      '{"a.example","say \\\\"hi\\\\"","c,d","back\\\\\\\\slash",NULL,""}',
    );
    expect(unescape(copyField(["x\ty"]))).toBe('{"x\ty"}');
    expect(copyField({ a: 1, b: "tab\t" })).toBe('{"a":1,"b":"tab\\\\t"}');
  });

  it("refuses values PostgreSQL would store differently or not at all", () => {
    expect(() => copyField(Number.NaN)).toThrow(/not a storable number/);
    expect(() => copyField(Infinity)).toThrow(/not a storable number/);
    expect(() => copyField(new Date("nope"))).toThrow(/invalid Date/);
    expect(() => copyField("nul\0byte")).toThrow(/NUL/);
  });

  it("collects lines as UTF-8 bytes, growing past its first buffer", () => {
    const chunk = new CopyChunk();
    const long = "ü".repeat(300_000); // 600 kB of UTF-8 per line: forces growth
    const rows = [
      ["a", 1],
      [long, 2],
      [long + "🚀", null],
      ["tab\t", 3],
    ];
    for (const r of rows) chunk.push(r);
    expect(chunk.rows).toBe(4);
    const bytes = chunk.take();
    expect(bytes.toString("utf8")).toBe(rows.map(copyLine).join(""));
    expect(chunk.rows).toBe(0);
    chunk.push(["again"]);
    expect(chunk.take().toString("utf8")).toBe("again\n");
    expect(bytes.toString("utf8").startsWith("a\t1\n")).toBe(true); // earlier bytes stay valid
  });
});
