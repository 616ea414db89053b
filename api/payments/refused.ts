import { AppError } from "../../core/errors.js";

/** Why a payment webhook was refused: 400 with a short reason, never the expected signature. */
export class WebhookRefused extends AppError {
  constructor(reason: string) {
    super("bad_request", reason);
  }
}
