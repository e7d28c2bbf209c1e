import { createContext, useContext, type ReactNode } from "react";

/** Per-request CSP nonce, provided on the server by entry.server.tsx; empty in the browser. */
const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export const useNonce = () => useContext(NonceContext);
