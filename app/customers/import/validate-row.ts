import type { z } from "zod";
import { CellProblem, cellCoercer, type CellCoercer, type DateFormat } from "./fields";
import type { KindSpec } from "./kinds";
import { compileRowCheck, type RowCheck } from "./row-check";

export interface RowError {
  row: number;
  field?: string;
  message: string;
  values?: string[];
}

/** External ids of the possible parents → account id (engine.server.ts loadParents). */
export interface Parents {
  accounts: Map<string, string>;
  subscriptions: Map<string, string>;
}

/**
 * Validates records of one file (or API batch): each mapped cell coerced by its field (`cellCoercer`,
 * with the messages people read), the account resolved, date order checked, and the cells checked
 * against the kind's row schema, which gives the typed row. Everything that depends only on the file
 * (which column feeds which field, each field's coercion, the schema check compiled by row-check.ts)
 * is decided once here, so a row costs its cells and one object: the typed row itself.
 */
export class RowValidator<S extends z.AnyZodObject> {
  /** The account id of the row last validated (null when it has none or is invalid). */
  accountId: string | null = null;
  private readonly names: string[];
  private readonly columns: number[];
  private readonly labels: string[];
  private readonly coercers: CellCoercer[];
  private readonly template: Record<string, unknown>;
  private readonly check: RowCheck | null;

  constructor(
    private readonly spec: KindSpec<S>,
    private readonly headers: string[],
    index: Map<string, number>,
    private readonly mapping: Record<string, string>,
    private readonly parents: Parents,
    dateFormat: DateFormat,
  ) {
    this.names = spec.fields.map((f) => f.name);
    this.columns = spec.fields.map((f) => {
      const header = mapping[f.name];
      return header === undefined ? -1 : index.get(header)!;
    });
    this.labels = spec.fields.map((f) => mapping[f.name] ?? f.name);
    this.coercers = spec.fields.map((f) => cellCoercer(f, dateFormat));
    // Every row is a copy of this (the shape's keys, in the shape's order), so rows share one object layout.
    this.template = Object.fromEntries(this.names.map((n) => [n, null]));
    this.check = compileRowCheck(spec.row);
  }

  /**
   * The typed row of `record` (spreadsheet row `row`), or null with the row's errors appended to `errors`
   * (the same errors, in the same order, as before: column count, cells, parent, date order, schema).
   */
  validate(record: string[], row: number, errors: RowError[]): z.infer<S> | null {
    const { spec, names, columns, coercers, parents } = this;
    const before = errors.length;
    this.accountId = null;
    if (record.length !== this.headers.length)
      errors.push({ row, message: `has ${record.length} columns, expected ${this.headers.length}` });
    // The coerced cells, not yet checked against the row schema; a field whose cell failed stays null.
    const cells: Record<string, unknown> = { ...this.template };
    for (let i = 0; i < names.length; i++) {
      const column = columns[i]!;
      const value = coercers[i]!(column === -1 ? undefined : record[column]);
      if (value instanceof CellProblem)
        errors.push({ row, field: names[i]!, message: `${this.labels[i]} ${value.message}` });
      else cells[names[i]!] = value;
    }
    let accountId: string | null = null;
    if (spec.parent !== "none" && errors.length === before) {
      const account = cells.account,
        subscription = cells.subscription;
      const viaSub = typeof subscription === "string" ? parents.subscriptions.get(subscription) : undefined;
      accountId = typeof account === "string" ? (parents.accounts.get(account) ?? null) : (viaSub ?? null);
      if (!accountId) {
        if (typeof account === "string")
          errors.push({ row, field: "account", message: `unknown account "${account}"` });
        else if (typeof subscription === "string")
          errors.push({ row, field: "subscription", message: `unknown subscription "${subscription}"` });
        else errors.push({ row, field: "account", message: "needs an account or a subscription" });
      }
    }
    this.accountId = accountId;
    if (spec.ordered) this.checkOrder(cells, row, errors);
    if (errors.length !== before) return null;
    // The compiled schema check accepts exactly what zod would (row-check.ts), and the cells are then
    // already the typed row zod would return (a copy of them): zod is asked only when it says no.
    if (this.check?.(cells)) return cells as z.infer<S>;
    const parsed = spec.row.safeParse(cells);
    if (parsed.success) return parsed.data;
    // Only when a field's coercion and its schema disagree (a programming error): still this row's error.
    for (const issue of parsed.error.issues)
      errors.push({ row, field: String(issue.path[0] ?? ""), message: `${issue.path.join(".")} ${issue.message}` });
    return null;
  }

  private checkOrder(cells: Record<string, unknown>, row: number, errors: RowError[]) {
    const { mapping } = this;
    for (const [earlier, later] of this.spec.ordered ?? []) {
      const a = cells[earlier],
        b = cells[later];
      if (
        a != null &&
        b != null &&
        String(b instanceof Date ? b.toISOString() : b) < String(a instanceof Date ? a.toISOString() : a)
      ) {
        errors.push({
          row,
          field: later,
          message: `${mapping[later] ?? later} (${show(b)}) is before ${mapping[earlier] ?? earlier} (${show(a)})`,
        });
      }
    }
  }
}

const show = (v: unknown) =>
  v instanceof Date
    ? v
        .toISOString()
        .replace("T", " ")
        .replace(/(:00)?\.000Z$/, " UTC")
    : String(v);
