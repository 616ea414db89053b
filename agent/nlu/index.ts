// agent/nlu: the entity half of the local understanding step. understandEntities() is pure
// and in-process: dates/times in the tenant's zone (chrono-node + timephrase.ts), money and
// percentages, the tenant's services (fuzzy), yes/no and ordinal choices. Each entity carries
// its source span and a confidence; `unsure` tells the router something was low-confidence.
import { extractDateTimes } from "./datetime.js";
import { extractMoney, extractPercents } from "./money.js";
import { extractServices } from "./services.js";
import type { Entity, NluContext, Understanding } from "./types.js";
import { extractChoice, extractYesNo } from "./yesno.js";

export type * from "./types.js";

/** Below this an entity counts as unsure. */
export const UNSURE_BELOW = 0.7;

export function understandEntities(text: string, ctx: NluContext): Understanding {
  const input = text.slice(0, 2000);
  const datetimes = extractDateTimes(input, ctx);
  const money = extractMoney(input, ctx);
  const percents = extractPercents(input);
  // A money or percent span is not also a clock time ("£9.95 mon-fri 12-3" keeps 12-3 as time).
  const choice = extractChoice(input);
  // Nor is a choice a date ("a segunda opção": Portuguese "segunda" is also Monday).
  const taken = [...money, ...percents, ...(choice ? [choice] : [])];
  const dt = datetimes.filter((d) => !taken.some((m) => d.span.start < m.span.end && d.span.end > m.span.start));
  const services = extractServices(input, ctx);
  const yesno = extractYesNo(input);
  const entities: Entity[] = [...dt, ...money, ...percents, ...services, ...(yesno ? [yesno] : []), ...(choice ? [choice] : [])];
  entities.sort((a, b) => a.span.start - b.span.start);
  const unsure = entities.some((e) => e.confidence < UNSURE_BELOW || (e.type === "datetime" && e.ambiguous) || (e.type === "yesno" && e.value === "unsure"));
  return { entities, datetimes: dt, money, percents, services, ...(yesno ? { yesno } : {}), ...(choice ? { choice } : {}), unsure };
}

export { extractDateTimes, extractMoney, extractPercents, extractServices, extractYesNo, extractChoice };
export { fromWall, toWall, offsetMinutes } from "./zone.js";
