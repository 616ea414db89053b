// Enqueue verified, normalized events. The job id comes from the provider's id, so a
// redelivered webhook is a no-op.
import type { InboundEvent } from "../../channels/types.js";
import { type Queues, inboundJobId, serializeEvent } from "../pipeline/queues.js";

export async function enqueueEvents(queues: Queues, tenantId: string, accountId: string, events: InboundEvent[]): Promise<void> {
  if (!events.length) return;
  if (events.length === 1) {
    // the usual webhook: one event. queue.add is one script call, without addBulk's pipeline.
    const event = events[0]!;
    await queues.inbound.add(event.type, { tenantId, accountId, event: serializeEvent(event) }, { jobId: inboundJobId(tenantId, event) });
    return;
  }
  await queues.inbound.addBulk(
    events.map((event) => ({
      name: event.type,
      data: { tenantId, accountId, event: serializeEvent(event) },
      opts: { jobId: inboundJobId(tenantId, event) },
    })),
  );
}
