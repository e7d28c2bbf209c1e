import type { TFunction } from "./translate";

/** "Try again in 2 minutes", in the reader's language (the same rounding as throttle.server's waitText). */
export function localizedWait(t: TFunction, seconds: number): string {
  return seconds < 90 ? t("wait.seconds", { count: seconds }) : t("wait.minutes", { count: Math.ceil(seconds / 60) });
}
