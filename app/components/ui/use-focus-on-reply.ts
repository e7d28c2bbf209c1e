import { useEffect, useRef } from "react";

/**
 * Focus for a form's answer: after a keyboard submit the button may be gone or disabled, which drops focus
 * to <body>; each new reply (an action's data) moves it to the element this ref is given (tabIndex -1).
 */
export function useFocusOnReply<E extends HTMLElement>(reply: unknown) {
  const target = useRef<E>(null);
  useEffect(() => {
    if (reply) target.current?.focus();
  }, [reply]);
  return target;
}
