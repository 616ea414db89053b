// The router's labelled replay set (issue 5): real-looking small-business traffic, each turn
// labelled with its intent, first tool and minimal adequate tier. See README.md.
import { CALLERS } from "./callers.js";
import { LEADS } from "./leads.js";
import { MULTILINGUAL } from "./multilingual.js";
import { OWNERS } from "./owners.js";
import type { ReplayCase } from "./types.js";

export const REPLAY: ReplayCase[] = [...LEADS, ...OWNERS, ...CALLERS, ...MULTILINGUAL];

export * from "./types.js";
