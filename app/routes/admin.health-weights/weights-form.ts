import { z } from "zod";
import { HEALTH_INPUTS, type HealthInput, type HealthWeights } from "#app/analytics/health";

/** conform reads an empty box as absent and a number as a number (anything else stays text: "Enter a number."). */
const weight = z
  .number({ required_error: "Enter a weight (0 to leave this input out).", invalid_type_error: "Enter a number." })
  .int("Use a whole number.")
  .min(0, "At least 0.")
  .max(100, "At most 100.");

const weights = Object.fromEntries(HEALTH_INPUTS.map(({ key }) => [key, weight])) as Record<HealthInput, typeof weight>;

/** The weights form: five whole numbers 0–100, not all zero (a form error), and an optional note. */
export const WeightsForm = z
  .object({ ...weights, note: z.string().trim().max(200, "Keep the note under 200 characters.").optional() })
  .refine((v) => HEALTH_INPUTS.some(({ key }) => v[key] > 0), "At least one weight must be above 0.");

export function weightsOf(value: z.infer<typeof WeightsForm>): HealthWeights {
  return Object.fromEntries(HEALTH_INPUTS.map(({ key }) => [key, value[key]])) as HealthWeights;
}
