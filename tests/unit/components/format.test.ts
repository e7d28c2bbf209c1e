import { describe, expect, it } from "vitest";
import { formatMoney, formatNumber, formatPct, formatSigned, toFixedNoNegativeZero } from "#app/utils/format";

describe("report number formats", () => {
  it("never show a negative zero (a correlation of −0.001 printed “-0.00”)", () => {
    expect(formatNumber(-0.001, 2)).toBe("0.00");
    expect(formatNumber(-0.4)).toBe("0");
    expect(formatPct(-0.01)).toBe("0.0%");
    expect(formatMoney(-0.2)).toBe("$0");
    expect(toFixedNoNegativeZero(-0.004, 2)).toBe("0.00");
    expect(formatSigned(-0.01, "pp")).toBe("±0.0 pp");
  });

  it("keep real signs and missing values", () => {
    expect(formatNumber(-0.25, 2)).toBe("-0.25");
    expect(formatSigned(-1.04, "pp")).toBe("−1.0 pp");
    expect(formatSigned(2, "")).toBe("+2.0");
    expect(formatPct(null)).toBe("—");
    expect(formatNumber(Number.NaN, 2)).toBe("—");
  });
});
