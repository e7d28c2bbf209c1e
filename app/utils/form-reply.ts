import type { SubmissionResult } from "@conform-to/react";

/**
 * conform's submission result with its messages translated: form schemas carry message keys
 * (app/i18n/messages), the action translates them for the request's language before replying. Other
 * messages pass through `t` unchanged (i18next returns an unknown key as is).
 */
export function translatedReply(result: SubmissionResult<string[]>, t: (key: string) => string) {
  if (!result.error) return result;
  const error: Record<string, string[] | null> = {};
  for (const [name, messages] of Object.entries(result.error)) error[name] = messages?.map((m) => t(m)) ?? null;
  return { ...result, error };
}
