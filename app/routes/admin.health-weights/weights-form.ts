import { z } from "zod";
import { HEALTH_INPUTS, type HealthWeights } from "#app/analytics/health";

export type WeightsFormErrors = Partial<Record<string, string>>;

const weight = z.coerce
  .number({ invalid_type_error: "Enter a number." })
  .int("Use a whole number.")
  .min(0, "At least 0.")
  .max(100, "At most 100.");

/** Validates the weights form: five whole numbers 0–100, not all zero, and an optional note. */
export function parseWeightsForm(
  form: FormData,
):
  | { ok: true; weights: HealthWeights; note: string | null; values: Record<string, string> }
  | { ok: false; errors: WeightsFormErrors; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const errors: WeightsFormErrors = {};
  const weights = {} as HealthWeights;
  for (const { key } of HEALTH_INPUTS) {
    const raw = String(form.get(key) ?? "").trim();
    values[key] = raw;
    const parsed = weight.safeParse(raw === "" ? undefined : raw);
    if (!parsed.success)
      errors[key] = raw === "" ? "Enter a weight (0 to leave this input out)." : parsed.error.issues[0]!.message;
    else weights[key] = parsed.data;
  }
  const note = String(form.get("note") ?? "").trim();
  values.note = note;
  if (note.length > 200) errors.note = "Keep the note under 200 characters.";
  if (!Object.keys(errors).length && HEALTH_INPUTS.every(({ key }) => weights[key] === 0))
    errors.form = "At least one weight must be above 0.";
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, weights, note: note || null, values };
}
