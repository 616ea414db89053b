// A campaign's results: delivery figures from the sending engine (CampaignService.stats,
// which lets recipients follow their Messages first) and what it brought in (attribution).
export { attribution, type Attribution } from "./attribution.js";
export { formatResults } from "./format.js";
