import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

/** The CSP nonce of this request (empty in the browser, which hides nonce values). */
export function useNonce() {
  return useContext(NonceContext);
}
