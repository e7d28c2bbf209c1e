import { z } from "zod";

/** What a browser says about a chosen file (a File in the page, the stored part on the server). */
export type ChosenFile = { name: string; size: number };

export const NO_FILE = "Choose a CSV file to upload.";

export const tooLarge = (maxMb: number) =>
  `The file is larger than ${maxMb} MB. Split it, or use the CLI (npm run import).`;

/** A name with an extension that is not a text table's (a workbook, a PDF, …); names without one are read to tell. */
const notCsvName = (name: string) => /\.[a-z0-9]{1,8}$/i.test(name) && !/\.(csv|tsv|txt)$/i.test(name);

/** Why this file cannot be uploaded (empty, over the limit, not CSV by its name), or null. */
export function fileProblem(file: ChosenFile, maxMb: number): string | null {
  if (file.size === 0) return `“${file.name}” is empty: choose the CSV file with your data.`;
  if (file.size > maxMb * 1024 * 1024) return tooLarge(maxMb);
  if (notCsvName(file.name))
    return `“${file.name}” is not a CSV file. Save or export it as CSV (UTF-8) and upload that file.`;
  return null;
}

/** The upload form's text fields: what the file contains (one of the kinds) and the source system. */
export function uploadFields(kinds: string[]) {
  const message = "Choose what the file contains.";
  return z.object({
    kind: z.string({ required_error: message }).refine((k) => kinds.includes(k), message),
    source: z.string().max(200, "Keep the source name under 200 characters.").optional(),
  });
}

/**
 * The whole form as the page checks it before sending (JavaScript on): the fields and the chosen file,
 * so a missing, oversize or non-CSV file is refused beside the field without uploading it. The server
 * checks the same (uploadFields + fileProblem) on the stored part.
 */
export function uploadFormSchema(kinds: string[], maxMb: number) {
  return uploadFields(kinds).extend({
    file: z
      .custom<File>((f) => typeof File !== "undefined" && f instanceof File, NO_FILE)
      .superRefine((f, ctx) => {
        const problem = fileProblem(f, maxMb);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  });
}

/** The source system as stored (lower-case letters, digits, - and _), "upload" when none is given. */
export const sourceName = (source: string | undefined) =>
  (source ?? "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "") || "upload";
