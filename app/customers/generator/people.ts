import { Faker, en } from "@faker-js/faker";

/**
 * Realistic company and people names from @faker-js/faker, seeded per account so the same seed gives the
 * same names. Faker is one instance reseeded per call: names never depend on how many draws came before.
 * Domains stay under the reserved .example TLD so no generated address can ever reach a real inbox.
 */
const faker = new Faker({ locale: [en] });

/** Lower-case ASCII slug: accents stripped, anything else non-alphanumeric becomes one hyphen. */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const LEGAL = new Set(["and", "llc", "inc", "group", "sons", "co"]);

/** A company name and the email domain derived from it (not yet checked for uniqueness). */
export function companyIdentity(seed: number): { name: string; domain: string } {
  faker.seed(seed);
  const name = faker.company.name();
  const words = slug(name)
    .split("-")
    .filter((w) => w && !LEGAL.has(w));
  return { name, domain: `${words.slice(0, 2).join("-") || "company"}.example` };
}

/** Makes a domain unique within one generation run (`name.example` → `name-2.example`). */
export function uniqueDomain(domain: string, used: Set<string>): string {
  let candidate = domain;
  for (let n = 2; used.has(candidate); n++) candidate = domain.replace(/\.example$/, `-${n}.example`);
  used.add(candidate);
  return candidate;
}

/** `count` people at one account: names and first.last@domain emails, unique within the account. */
export function people(seed: number, domain: string, count: number): { name: string; email: string }[] {
  faker.seed(seed);
  const used = new Set<string>();
  return Array.from({ length: count }, () => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const local = `${slug(first)}.${slug(last)}`.replace(/-/g, "");
    let email = `${local}@${domain}`;
    for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
    used.add(email);
    return { name: `${first} ${last}`, email };
  });
}
