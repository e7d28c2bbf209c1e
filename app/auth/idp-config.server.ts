import { z } from "zod";

/**
 * Identity providers configured by environment (OIDC_PROVIDERS, SAML_PROVIDERS): each a JSON array.
 * Validated in app/env.server.ts, so a malformed entry stops the server at start with a clear message.
 */
const ProviderId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "id must be lower-case letters, digits and dashes (it appears in URLs)");
const AccountRules = {
  /** Shown on the sign-in button: "Sign in with <label>". */
  label: z.string().trim().min(1).max(60),
  /** Claim/attribute holding the customer account's external id; unset = map by email domain (accounts.email_domains). */
  accountClaim: z.string().min(1).optional(),
  /** External ids of the only accounts this IdP may sign people into; unset = any account. */
  allowedAccounts: z.array(z.string().min(1)).min(1).optional(),
  /** Let existing staff users (author, cs_leader, admin) sign in through this IdP. Staff are never created by it. */
  allowStaff: z.boolean().default(false),
};

export const OidcProviderSchema = z
  .object({
    id: ProviderId,
    issuer: z.string().url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1).optional(),
    scopes: z.string().default("openid email profile"),
    ...AccountRules,
  })
  .strict();
export type OidcProviderConfig = z.infer<typeof OidcProviderSchema>;

export const SamlProviderSchema = z
  .object({
    id: ProviderId,
    /** The IdP's single sign-on URL (HTTP-Redirect binding). */
    entryPoint: z.string().url(),
    /** The IdP's entity id; when set, assertions from another issuer are refused. */
    idpIssuer: z.string().min(1).optional(),
    /** The IdP's signing certificate(s), PEM or bare base64. */
    idpCert: z.union([z.string().min(40), z.array(z.string().min(40)).min(1)]),
    /** Attribute with the email; unset = the NameID (format emailAddress). */
    emailAttribute: z.string().min(1).optional(),
    nameAttribute: z.string().min(1).optional(),
    ...AccountRules,
  })
  .strict();
export type SamlProviderConfig = z.infer<typeof SamlProviderSchema>;

function jsonList<T extends z.ZodTypeAny>(item: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): z.infer<T>[] => {
      if (!raw?.trim()) return [];
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be a JSON array of provider objects" });
        return z.NEVER;
      }
      const parsed = z.array(item).safeParse(value);
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `[${i.path.join(".")}] ${i.message}` });
        return z.NEVER;
      }
      const ids = parsed.data.map((p: { id: string }) => p.id);
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `provider id "${dup}" is used twice` });
        return z.NEVER;
      }
      return parsed.data;
    });
}

export const OidcProvidersEnv = jsonList(OidcProviderSchema);
export const SamlProvidersEnv = jsonList(SamlProviderSchema);
