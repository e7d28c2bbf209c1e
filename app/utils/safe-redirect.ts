// Control, format and whitespace characters: browsers strip tabs and newlines from URLs ("/\t/evil" becomes
// "//evil", another host), and CR/LF cannot go into a Location header at all (Node answers 500).
const UNSAFE_CHARACTERS = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const PROBE_ORIGIN = "http://redirect.invalid";

/**
 * Only same-site paths are allowed as redirect targets from user input. A target is refused when it, or
 * its percent-decoded form, contains a control or whitespace character, and then unless the browser
 * would resolve it to this origin (`new URL(to, origin).origin === origin`): "//host", "/\host" and
 * absolute URLs leave. Anything refused becomes the fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || !to.startsWith("/")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback; // malformed percent-encoding: we cannot check what it stands for
  }
  if (UNSAFE_CHARACTERS.test(to) || UNSAFE_CHARACTERS.test(decoded)) return fallback;
  if (to.includes("\\") || decoded.includes("\\")) return fallback; // browsers read "\" as "/"
  try {
    if (new URL(to, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return fallback;
  } catch {
    return fallback;
  }
  return to;
}
