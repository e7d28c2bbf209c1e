import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import path from "node:path";
import { removeUpload, uploadDir } from "#app/customers/import/uploads.server";

/** The file part as stored: where, under which name the browser sent it, and its size. */
export type StoredPart = { path: string; name: string; size: number };

export type ReceivedUpload = {
  /** The form's text fields (kind, source), for conform; the file is never in it. */
  fields: FormData;
  /** The stored `file` part, or null when none was chosen or it was over the limit (then nothing is kept). */
  file: StoredPart | null;
  /** The name of a part over its limit (`file`, or a text field over 10 kB): the rest of the form was not read. */
  overLimit: string | null;
};

const TEXT_FIELD_BYTES = 10_000;

/**
 * Reads the upload form: the `file` part streams to DATA_DIR/uploads/<id>.csv (at most maxMb; a larger
 * one is deleted as soon as it passes the limit), the small text fields are kept in memory. The text
 * fields read before a part over its limit are still returned, so the page can show them again;
 * after any failure no file is left behind.
 */
export async function receiveUpload(request: Request, id: string, maxMb: number): Promise<ReceivedUpload> {
  const fields = new FormData();
  let name = "upload.csv";
  const fileHandler = unstable_createFileUploadHandler({
    directory: uploadDir(),
    filter: (part) => part.name === "file",
    file: ({ filename }) => {
      name = filename;
      return `${id}.csv`;
    },
    maxPartSize: maxMb * 1024 * 1024,
    avoidFileConflicts: false,
  });
  // Text fields only: a file sent under another name is dropped; an empty file input (filename "") too.
  const textHandler: UploadHandler = async ({ name: field, filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > TEXT_FIELD_BYTES) throw new MaxPartSizeExceededError(field, TEXT_FIELD_BYTES);
      chunks.push(chunk);
    }
    if (filename !== undefined) return undefined;
    const value = Buffer.concat(chunks).toString("utf8");
    fields.append(field, value);
    return value;
  };
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(fileHandler, textHandler),
    );
    const part = form.get("file") as unknown as { filepath?: string; size?: number } | null;
    const file = part?.filepath ? { path: part.filepath, name, size: part.size ?? 0 } : null;
    return { fields, file, overLimit: null };
  } catch (err) {
    // Nothing is kept from a form that was not read to the end (a part over its limit, a client gone).
    await removeUpload(path.join(uploadDir(), `${id}.csv`));
    if (err instanceof MaxPartSizeExceededError) return { fields, file: null, overLimit: err.field };
    throw err;
  }
}
