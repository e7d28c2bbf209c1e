import type { MovementType } from "#db/schema/customers";

export type { MovementType };
/** The movement types of revenue_movements (db/schema/customers.ts; a unit test keeps the two lists equal). */
export const MOVEMENT_TYPES = [
  "new",
  "upsell",
  "cross_sell",
  "add_on",
  "seat_growth",
  "usage_growth",
  "contraction",
  "churn",
] as const satisfies readonly MovementType[];
/** Movement types that grow revenue from existing customers. */
export const EXPANSION_TYPES = [
  "upsell",
  "cross_sell",
  "add_on",
  "seat_growth",
  "usage_growth",
] as const satisfies readonly MovementType[];
export const MOVEMENT_LABELS: Record<MovementType, string> = {
  new: "New business",
  upsell: "Upsell",
  cross_sell: "Cross-sell",
  add_on: "Add-on",
  seat_growth: "Seat growth",
  usage_growth: "Usage growth",
  contraction: "Contraction",
  churn: "Churn",
};
