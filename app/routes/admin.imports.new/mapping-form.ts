import { z } from "zod";
import { DATE_FORMATS } from "#app/customers/import/fields";

/** The dry run's answer shown under the form: whether the file can be imported, and its first row errors. */
export type ImportCheck = {
  failed: boolean;
  rowsTotal: number;
  rowsRejected: number;
  errors: { row: number; field: string | null; message: string }[];
};

/**
 * The column-mapping form for one kind of file and its columns (conform names `map.<field>`): each field
 * is one of the file's columns or left out ("— not in this file —" arrives absent), and a required field
 * must be mapped. The submit button says validate (dry run) or import.
 */
export function mappingFormSchema(fields: { name: string; required: boolean }[], headers: string[]) {
  const column = (field: string) =>
    z
      .string({ required_error: `Choose the column that holds ${field} (it is required).` })
      .refine((h) => headers.includes(h), "Not a column of this file.");
  return z.object({
    intent: z.enum(["validate", "import"]).default("import"),
    map: z
      .object(Object.fromEntries(fields.map((f) => [f.name, f.required ? column(f.name) : column(f.name).optional()])))
      .default({}),
    dateFormat: z.enum(DATE_FORMATS, { errorMap: () => ({ message: "Choose a date format." }) }).default("yyyy-MM-dd"),
    skipInvalid: z.boolean().optional(),
  });
}

/** The form's values as the client sees them (all text). */
export type MappingFormValues = {
  intent: string;
  map: Record<string, string>;
  dateFormat: string;
  skipInvalid: string;
};
