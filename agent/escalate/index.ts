export { validateMessage, clockTimes, NEAR_MISS, type Validation, type ValidationKind, type ValidateContext } from "./validate.js";
export { nextTier, ceilingFor, type EscalationLimits } from "./policy.js";
export { actionClaims, PAYMENT_LINK, REFUND_PAYMENT, PAYMENT_STATUS, type ActionClaim } from "./claims.js";
