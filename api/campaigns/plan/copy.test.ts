import { describe, expect, it } from "vitest";
import { smsSegments } from "../../../channels/sms/segments.js";
import { messagePriceMicros } from "../../../agent/pricing-messages.js";
import { chooseVariants, fitSms, fitTemplate, OPT_OUT_LINE, templateValue, templateVariants } from "./copy.js";
import { estimateCost } from "./cost.js";
import { interestPatterns } from "./segment.js";
import { dayOnly, parseWhen } from "./when.js";

const london = { timezone: "Europe/London", locale: "en", currency: "GBP" };

describe("SMS copy", () => {
  it("carries the opt-out line and stays within two segments, cutting at a word", () => {
    const short = fitSms("Glow Studio: 20% off facials this Friday! Reply to book.");
    expect(short.body.endsWith(`\n${OPT_OUT_LINE}`)).toBe(true);
    expect(short).toMatchObject({ segments: 1, encoding: "GSM-7", trimmed: false });
    const long = fitSms(`${"Treat yourself to a glowing facial this Friday with twenty percent off every treatment ".repeat(6)}`);
    expect(long.trimmed).toBe(true);
    expect(long.segments).toBe(2);
    expect(smsSegments(long.body).segments).toBe(2);
    expect(long.body).toMatch(/\w…\nReply STOP to opt out\.$/);
  });

  it("counts an emoji as UCS-2 (70 / 67 per part) and does not add the opt-out line twice", () => {
    const s = fitSms(`✨ ${"Facials 20% off on Friday ".repeat(4)} Reply STOP to opt out.`);
    expect(s.encoding).toBe("UCS-2");
    expect(s.segments).toBeLessThanOrEqual(2);
    expect(s.body.match(/Reply STOP/g)).toHaveLength(1);
  });
});

describe("WhatsApp template variables", () => {
  it("one line, no tabs, at most four spaces in a row, within the length", () => {
    expect(templateValue("20% off\nfacials\t this      Friday")).toBe("20% off facials this    Friday");
    expect(Array.from(templateValue("x".repeat(2000))).length).toBeLessThanOrEqual(1024);
    const t = fitTemplate({ name: "weekly_offer", language: "en_GB", variables: ["business", "offer", "when"] },
      { business: "Glow Studio", offer: "20% off\nfacials", when: "Friday, November 27", message: "m", cta: "c" });
    expect(t.params).toEqual(["Glow Studio", "20% off facials", "Friday, November 27"]);
  });
});

describe("copy variants", () => {
  it("uses the model's variants when given, else three templates in the business's name", () => {
    const fallback = templateVariants({ businessName: "Glow Studio", offer: "20% off facials", whenLabel: "Friday, November 27 at 10:00 AM", now: false });
    expect(fallback).toHaveLength(3);
    for (const v of fallback) {
      expect(v.tier).toBe("template");
      expect(v.text).toContain("Glow Studio");
      expect(v.text).toContain("20% off facials");
      expect(v.text).not.toMatch(/10:00|AM|at\.|at!/);
    }
    expect(chooseVariants(["  ", "Hey lovely! Facials are 20% off Friday 💆"], fallback).variants).toEqual([{ text: "Hey lovely! Facials are 20% off Friday 💆", tier: "llm" }]);
    expect(chooseVariants(undefined, fallback).variants).toBe(fallback);
  });
});

describe("when", () => {
  const tuesday = new Date("2026-11-24T16:00:00Z");
  it("reads a day in the tenant's timezone and starts it at 10:00 local", () => {
    const w = parseWhen("Friday", london, tuesday);
    expect(w.ok && w.at.toISOString()).toBe("2026-11-27T10:00:00.000Z");
    const ny = parseWhen("Friday", { ...london, timezone: "America/New_York" }, tuesday);
    expect(ny.ok && ny.at.toISOString()).toBe("2026-11-27T15:00:00.000Z");
    const six = parseWhen("tomorrow at 6pm", london, tuesday);
    expect(six.ok && six.at.toISOString()).toBe("2026-11-25T18:00:00.000Z");
    expect(parseWhen(undefined, london, tuesday)).toMatchObject({ ok: true, now: true });
    expect(parseWhen("whenever you like", london, tuesday)).toMatchObject({ ok: false });
    expect(dayOnly("Friday, November 27 at 10:00 AM")).toBe("Friday, November 27");
  });
});

describe("audience and cost", () => {
  it("interest words match their singular and are LIKE-escaped", () => {
    expect(interestPatterns(["Facials", "50%_off", "glass"])).toEqual(["%facial%", "%50\\%\\_off%", "%glass%"]);
  });

  it("prices each recipient by country, rounding the total up to cents", () => {
    expect(messagePriceMicros("whatsapp", "+447700900001", { template: true })).toBe(52_900);
    expect(messagePriceMicros("whatsapp", "447700900001", { template: false })).toBe(0);
    expect(messagePriceMicros("sms", "+14155550100", { segments: 2 })).toBe(16_600);
    const c = estimateCost("whatsapp", ["+447700900001", "+447700900002", "+919800000001"], { template: true, segments: 1, locale: "en" });
    expect(c).toMatchObject({ micros: 116_500, minor: 12, currency: "USD", label: "≈ $0.12" });
  });
});
