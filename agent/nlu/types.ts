// Types of the local entity-understanding step (agent/nlu): what understandEntities()
// takes (the tenant's context) and returns (typed entities, each with its span and confidence).

export interface ServiceDef {
  name: string;
  aliases?: string[];
}

export interface NluContext {
  /** IANA zone of the tenant, e.g. "Europe/London". */
  timezone: string;
  now: Date;
  /** BCP-47, e.g. "en-GB", "es-ES". Decides day/month order and the date language. */
  locale: string;
  /** ISO 4217 default currency of the tenant, e.g. "GBP". */
  currency: string;
  services?: ServiceDef[];
}

/** Where in the input an entity came from: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

interface Base {
  span: Span;
  /** 0..1: how sure the extractor is. */
  confidence: number;
}

export interface DateTimeEntity extends Base {
  type: "datetime";
  /** The window meant, in UTC, computed in the tenant's zone; end is exclusive (end === start for an exact time). */
  start: Date;
  end: Date;
  /** A day was said (or implied by "tonight"/"in 2 hours"). */
  hasDate: boolean;
  /** A time of day or part of day was said. */
  hasTime: boolean;
  /** Wall clock in the tenant's zone: "2025-03-30", "17:00" (exact times only). */
  localDate?: string;
  localTime?: string;
  /** Could reasonably mean something else (am/pm not said, a bare "5"); the router should confirm or escalate. */
  ambiguous: boolean;
}

export interface MoneyEntity extends Base {
  type: "money";
  /** Integer minor units (pence, paise, cents). */
  minor: number;
  currency: string;
  /** The currency was not written; the tenant's default was assumed. */
  currencyAssumed: boolean;
}

export interface PercentEntity extends Base {
  type: "percent";
  /** Basis points: 20% → 2000. */
  basisPoints: number;
}

export interface ServiceEntity extends Base {
  type: "service";
  /** The tenant's service name matched (canonical, not the alias). */
  service: string;
  /** Fuzzy-match score 0..1 (also the confidence). */
  score: number;
}

export interface YesNoEntity extends Base {
  type: "yesno";
  value: "yes" | "no" | "unsure";
}

export interface ChoiceEntity extends Base {
  type: "choice";
  /** 1-based: "the second one" → 2; -1 for "the last one". */
  index: number;
}

export type Entity = DateTimeEntity | MoneyEntity | PercentEntity | ServiceEntity | YesNoEntity | ChoiceEntity;

export interface Understanding {
  entities: Entity[];
  datetimes: DateTimeEntity[];
  money: MoneyEntity[];
  percents: PercentEntity[];
  services: ServiceEntity[];
  yesno?: YesNoEntity;
  choice?: ChoiceEntity;
  /** Something was extracted with low confidence or flagged ambiguous: the router may escalate. */
  unsure: boolean;
}
