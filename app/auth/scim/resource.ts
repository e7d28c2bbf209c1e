/**
 * SCIM 2.0 User resource (RFC 7643) and the parts of the protocol (RFC 7644) the academy supports:
 * pure mapping, input schemas, `filter` parsing and PATCH operations, shared by the SCIM routes.
 */
import { z } from "zod";

export const SCIM_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCIM_ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const SCIM_LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: string,
  ) {
    super(message);
  }
}

/** The person as the academy stores them; `organization` is the customer account's external id. */
export interface ScimPerson {
  id: string;
  userName: string;
  name: string;
  externalId: string | null;
  active: boolean;
  organization: string | null;
  created: Date;
  lastModified: Date;
}

export function toScimUser(p: ScimPerson, baseUrl: string) {
  const [givenName, ...rest] = p.name.split(" ");
  return {
    schemas: [SCIM_USER_SCHEMA, SCIM_ENTERPRISE_SCHEMA],
    id: p.id,
    ...(p.externalId ? { externalId: p.externalId } : {}),
    userName: p.userName,
    name: { formatted: p.name, givenName: givenName ?? "", familyName: rest.join(" ") },
    displayName: p.name,
    emails: [{ value: p.userName, type: "work", primary: true }],
    active: p.active,
    [SCIM_ENTERPRISE_SCHEMA]: { organization: p.organization ?? undefined },
    meta: {
      resourceType: "User",
      created: p.created.toISOString(),
      lastModified: p.lastModified.toISOString(),
      location: `${baseUrl}/scim/v2/Users/${p.id}`,
    },
  };
}

/** Entra sends booleans as "True"/"False" strings in PATCH values. */
const ScimBoolean = z.union([
  z.boolean(),
  z.enum(["true", "false", "True", "False", "TRUE", "FALSE"]).transform((v) => v.toLowerCase() === "true"),
]);

const Email = z
  .object({ value: z.string(), primary: z.union([z.boolean(), z.string()]).optional(), type: z.string().optional() })
  .passthrough();

/** The writable attributes of a User, as sent to POST and PUT. */
export const ScimUserInput = z
  .object({
    userName: z.string().trim().toLowerCase().email("userName must be an email address").max(254),
    externalId: z.string().trim().max(200).optional(),
    name: z
      .object({ formatted: z.string().optional(), givenName: z.string().optional(), familyName: z.string().optional() })
      .passthrough()
      .optional(),
    displayName: z.string().max(200).optional(),
    emails: z.array(Email).optional(),
    active: ScimBoolean.optional(),
    [SCIM_ENTERPRISE_SCHEMA]: z.object({ organization: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type ScimUserInput = z.infer<typeof ScimUserInput>;

export interface PersonChanges {
  userName?: string;
  name?: string;
  externalId?: string | null;
  active?: boolean;
  organization?: string;
}

export function displayNameOf(input: {
  displayName?: string;
  name?: { formatted?: string; givenName?: string; familyName?: string };
}): string | undefined {
  const fromParts = [input.name?.givenName, input.name?.familyName].filter(Boolean).join(" ").trim();
  return (input.displayName?.trim() || input.name?.formatted?.trim() || fromParts || undefined)?.slice(0, 200);
}

export function changesFromInput(input: ScimUserInput): PersonChanges {
  return {
    userName: input.userName,
    name: displayNameOf(input),
    externalId: input.externalId ?? null,
    ...(input.active === undefined ? {} : { active: input.active }),
    ...(input[SCIM_ENTERPRISE_SCHEMA]?.organization
      ? { organization: input[SCIM_ENTERPRISE_SCHEMA]!.organization }
      : {}),
  };
}

const PatchOp = z.object({
  op: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(["add", "replace", "remove"])),
  path: z.string().optional(),
  value: z.unknown().optional(),
});
export const ScimPatch = z.object({
  schemas: z.array(z.string()).optional(),
  Operations: z.array(PatchOp).min(1).max(100),
});

/**
 * Applies PATCH operations (the shapes Okta and Entra send) to the writable attributes:
 * `{op:"replace", value:{active:false}}`, `{op:"Replace", path:"active", value:"False"}`,
 * paths userName, externalId, displayName, name.givenName/familyName/formatted, emails[type eq "work"].value.
 */
export function applyPatch(current: ScimPerson, ops: z.infer<typeof ScimPatch>["Operations"]): PersonChanges {
  const out: PersonChanges = {};
  let given = current.name.split(" ")[0] ?? "";
  let family = current.name.split(" ").slice(1).join(" ");
  let nameTouched = false;
  const set = (path: string, value: unknown, op: string) => {
    const p = path.toLowerCase();
    if (op === "remove" && p !== "externalid") throw new ScimError(400, `"${path}" cannot be removed`, "mutability");
    const str = () => {
      if (typeof value !== "string") throw new ScimError(400, `"${path}" must be a string`, "invalidValue");
      return value.trim();
    };
    if (p === "active") {
      const b = ScimBoolean.safeParse(value);
      if (!b.success) throw new ScimError(400, '"active" must be true or false', "invalidValue");
      out.active = b.data;
    } else if (p === "username" || p === 'emails[type eq "work"].value' || p === "emails.value") {
      const e = z.string().trim().toLowerCase().email().max(254).safeParse(value);
      if (!e.success) throw new ScimError(400, `"${path}" must be an email address`, "invalidValue");
      out.userName = e.data;
    } else if (p === "externalid") out.externalId = op === "remove" ? null : str();
    else if (p === "displayname" || p === "name.formatted") {
      out.name = str().slice(0, 200);
      nameTouched = false;
    } else if (p === "name.givenname") {
      given = str();
      nameTouched = true;
    } else if (p === "name.familyname") {
      family = str();
      nameTouched = true;
    } else if (p === `${SCIM_ENTERPRISE_SCHEMA}:organization`.toLowerCase()) out.organization = str();
    else if (p === "name" && value && typeof value === "object") {
      const n = value as Record<string, unknown>;
      if (typeof n.givenName === "string") {
        given = n.givenName;
        nameTouched = true;
      }
      if (typeof n.familyName === "string") {
        family = n.familyName;
        nameTouched = true;
      }
      if (typeof n.formatted === "string") {
        out.name = n.formatted.slice(0, 200);
        nameTouched = false;
      }
    } else if (p === "emails" && Array.isArray(value)) {
      const primary =
        (value as { value?: unknown; primary?: unknown }[]).find((e) => e.primary === true || e.primary === "true") ??
        value[0];
      set("userName", (primary as { value?: unknown } | undefined)?.value, op);
    } else throw new ScimError(400, `Unsupported attribute path "${path}"`, "invalidPath");
  };
  for (const op of ops) {
    if (op.path) set(op.path, op.value, op.op);
    else if (op.value && typeof op.value === "object" && !Array.isArray(op.value)) {
      for (const [k, v] of Object.entries(op.value as Record<string, unknown>)) {
        if (k === SCIM_ENTERPRISE_SCHEMA && v && typeof v === "object") {
          for (const [ek, ev] of Object.entries(v as Record<string, unknown>))
            set(`${SCIM_ENTERPRISE_SCHEMA}:${ek}`, ev, op.op);
        } else set(k, v, op.op);
      }
    } else throw new ScimError(400, "A PATCH operation needs a path or an object value", "invalidSyntax");
  }
  if (nameTouched) out.name = `${given} ${family}`.trim().slice(0, 200);
  return out;
}

export type ScimFilter = { attribute: "userName" | "externalId" | "id"; value: string } | null;

/** Supports the filters IdPs send for lookups: `userName eq "…"`, `externalId eq "…"`, `id eq "…"`. */
export function parseScimFilter(filter: string | null): ScimFilter {
  if (!filter?.trim()) return null;
  const m =
    /^\s*(userName|externalId|id|emails\.value|emails\[type eq "work"\]\.value)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(
      filter,
    );
  if (!m)
    throw new ScimError(
      400,
      `Unsupported filter: only 'userName eq "…"', 'externalId eq "…"' and 'id eq "…"' are supported`,
      "invalidFilter",
    );
  const attr = m[1]!.toLowerCase();
  const value = m[2]!.replace(/\\(.)/g, "$1");
  if (attr === "externalid") return { attribute: "externalId", value };
  if (attr === "id") return { attribute: "id", value };
  return { attribute: "userName", value: value.toLowerCase() };
}
