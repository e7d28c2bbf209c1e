import type { MovementType } from "#db/schema/customers";

export type { MovementType };
/** Movement types that grow revenue from existing customers. */
export const EXPANSION_TYPES = ["upsell", "cross_sell", "add_on", "seat_growth", "usage_growth"] as const satisfies readonly MovementType[];
export const LOSS_TYPES = ["contraction", "churn"] as const satisfies readonly MovementType[];
export const MOVEMENT_LABELS: Record<MovementType, string> = {
  new: "New business", upsell: "Upsell", cross_sell: "Cross-sell", add_on: "Add-on", seat_growth: "Seat growth",
  usage_growth: "Usage growth", contraction: "Contraction", churn: "Churn",
};
