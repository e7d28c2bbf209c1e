import { describe, expect, it } from "vitest";
import { makeT, type Messages } from "#app/i18n/translate";
import { en } from "#app/i18n/messages/en";
import { de } from "#app/i18n/messages/de";
import { emailMessages, emailT } from "#app/i18n/emails/index";
import { canonicalLocale, pickLocale, quizStructureDifference, sourceHashOf } from "#app/content/translations";

const keys = (m: Messages, prefix = ""): string[] =>
  Object.entries(m).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("UI strings", () => {
  it.each([
    ["UI", en, de],
    ["email", emailMessages.en, emailMessages.de],
  ] as [string, Messages, Messages][])(
    "German %s strings have exactly the English keys, with the same {{placeholders}}",
    (_, source, german) => {
      expect(keys(german).sort()).toEqual(keys(source).sort());
      const tEn = makeT("en", source);
      const tDe = makeT("de", german);
      for (const k of keys(source)) {
        expect(vars(tDe(k)), k).toEqual(vars(tEn(k)));
        expect(tDe(k), `${k} is not translated`).not.toBe(k);
      }
    },
  );

  it("emails fall back to English for a language the UI does not have", () => {
    expect(emailT("fr")("continueCourse")).toBe("Continue the course");
    expect(emailT(null)("continueCourse")).toBe("Continue the course");
    expect(emailT("de")("continueCourse")).toBe("Kurs fortsetzen");
  });

  it("interpolates, picks plurals by count and falls back to the key", () => {
    const t = makeT("de", de);
    expect(t("lesson.ofTotal", { position: 2, total: 4, minutes: 5 })).toBe("Lektion 2 von 4 · 5 Min.");
    expect(makeT("en", en)("lock.buildsOn", { count: 1 })).toBe(" first: this course builds on it.");
    expect(makeT("en", en)("lock.buildsOn", { count: 2 })).toBe(" first: this course builds on them.");
    expect(t("no.such.key")).toBe("no.such.key");
  });
});

describe("translation helpers", () => {
  it("accepts BCP 47 tags in canonical form only", () => {
    expect(canonicalLocale("de")).toBe("de");
    expect(canonicalLocale("pt-br")).toBe("pt-BR");
    expect(canonicalLocale("not a tag")).toBeNull();
  });

  it("matches a language to the best available tag", () => {
    expect(pickLocale("de-CH", ["de", "fr"])).toBe("de");
    expect(pickLocale("de", ["de-AT", "de"])).toBe("de");
    expect(pickLocale("it", ["de"])).toBeNull();
  });

  it("hashes the source text (line endings normalised)", () => {
    expect(sourceHashOf("a\r\nb")).toBe(sourceHashOf("a\nb"));
    expect(sourceHashOf("a")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("requires a translated quiz to have the source's question ids and correct-answer places", () => {
    const q = (ids: string[], correct = 1) => ({
      id: "quiz",
      questions: ids.map((id) => ({
        id,
        prompt: id,
        multiple: false,
        explanation: null,
        options: [0, 1].map((i) => ({ id: `${id}-o${i + 1}`, text: String(i), correct: i === correct })),
      })),
    });
    expect(quizStructureDifference(q(["a", "b"]), q(["a", "b"]))).toBeNull();
    expect(quizStructureDifference(q(["a", "b"]), q(["b", "a"]))).toMatch(/question ids must match/);
    expect(quizStructureDifference(q(["a"]), q(["a"], 0))).toMatch(/correct ones in the same places/);
    expect(quizStructureDifference(q(["a"]), null)).toMatch(/translation has none/);
  });
});
