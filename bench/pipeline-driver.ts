// Drives conversations through the running pipeline and pairs every webhook with its
// reply. Each contact keeps a queue of its messages awaiting a reply; a reply to that
// contact answers the oldest. The load shapes keep at most one unanswered message per
// conversation outside a deliberate burst, so one reply per message is what must happen.
import { IN_SCOPE } from "../knowledge/demo/questions.js";
import type { Booted, Tenant } from "./boot.js";
import { poster } from "./poster.js";
import { tapReplies } from "./reply-tap.js";
import { sleep, summarize, type Summary } from "./stats.js";
import { webhookFactory } from "./webhook-bodies.js";

export interface Flight {
  contact: string;
  text: string;
  postedAt: number;
  ackAt?: number;
  status?: number;
  replyAt?: number;
  error?: string;
}

export interface PassResult {
  messages: number;
  replied: number;
  /** Replies to a contact that had no unanswered message (duplicates). */
  unexpectedReplies: number;
  /** Webhooks not answered 200. */
  rejected: number;
  /** Messages counted in the figures (after any warm-up). */
  measured: number;
  seconds: number;
  throughput: number;
  /** ack of the webhook POST → the fake Graph API receiving the reply. */
  latencyMs: Summary;
}

const QUESTIONS = IN_SCOPE.map((q) => q.q);

export class PipelineDriver {
  private readonly waiting = new Map<string, Array<{ flight: Flight; done: () => void }>>();
  private readonly bodies;
  private readonly http;
  private unexpected = 0;
  private nextContact = 0;
  /** Every flight of this driver, all passes. */
  readonly all: Flight[] = [];

  constructor(b: Booted, private readonly tenant: Tenant, private readonly appSecret: string) {
    this.bodies = webhookFactory(tenant.phoneNumberId, appSecret);
    this.http = poster(b.host, b.port);
    tapReplies(b.graph, (to, at) => this.onReply(to, at));
  }

  /** `n` phone numbers never used before by this driver. */
  contacts(n: number): string[] {
    return Array.from({ length: n }, () => `4478${String(this.nextContact++).padStart(8, "0")}`);
  }

  /** Posts one message; the promise resolves when its reply reached the fake (or `timeoutMs` passed). */
  send(contact: string, text: string, timeoutMs = 90_000): { flight: Flight; replied: Promise<void> } {
    const flight: Flight = { contact, text, postedAt: performance.now() };
    this.all.push(flight);
    let done!: () => void;
    const replied = new Promise<void>((resolve) => (done = resolve));
    const q = this.waiting.get(contact) ?? [];
    q.push({ flight, done });
    this.waiting.set(contact, q);
    const timer = setTimeout(() => {
      flight.error ??= "no reply in time";
      done();
    }, timeoutMs);
    void replied.then(() => clearTimeout(timer));
    this.http.post(this.bodies.text(contact, text)).then(
      (ack) => {
        flight.ackAt = ack.at;
        flight.status = ack.status;
        if (ack.status !== 200) {
          flight.error = `webhook answered ${ack.status}`;
          done();
        }
      },
      (err: unknown) => {
        flight.error = String(err);
        done();
      },
    );
    return { flight, replied };
  }

  private onReply(to: string, at: number): void {
    const next = this.waiting.get(to)?.shift();
    if (!next) {
      this.unexpected++;
      return;
    }
    next.flight.replyAt = at;
    next.done();
  }

  /**
   * Open loop: `conversations × perConversation` messages at `rate` msg/s, round-robin over the
   * conversations, so one conversation's messages are conversations/rate seconds apart.
   */
  async openLoop(o: { rate: number; conversations: number; perConversation: number }): Promise<PassResult> {
    const contacts = this.contacts(o.conversations);
    const total = o.conversations * o.perConversation;
    const flights: Flight[] = [];
    const replies: Promise<void>[] = [];
    const unexpected0 = this.unexpected;
    const t0 = performance.now();
    for (let k = 0; k < total; k++) {
      const wait = t0 + (k * 1000) / o.rate - performance.now();
      if (wait > 1) await sleep(wait);
      const s = this.send(contacts[k % contacts.length]!, QUESTIONS[k % QUESTIONS.length]!);
      flights.push(s.flight);
      replies.push(s.replied);
    }
    await Promise.all(replies);
    await sleep(300); // a late duplicate reply would land here
    const acked = flights.filter((f) => f.ackAt !== undefined);
    const first = Math.min(...acked.map((f) => f.ackAt!));
    const last = Math.max(...flights.map((f) => f.replyAt ?? 0));
    return this.result(flights, flights, (last - first) / 1000, unexpected0);
  }

  /**
   * Closed loop (saturation): every conversation sends its next message as soon as the reply
   * to its previous one arrived. Throughput counts replies landing in the measured window.
   */
  async closedLoop(o: { conversations: number; warmupMs: number; durationMs: number; maxMessages: number }): Promise<PassResult> {
    const contacts = this.contacts(o.conversations);
    const flights: Flight[] = [];
    const unexpected0 = this.unexpected;
    const t0 = performance.now();
    const from = t0 + o.warmupMs;
    const to = from + o.durationMs;
    let k = 0;
    await Promise.all(
      contacts.map(async (contact) => {
        while (performance.now() < to && k < o.maxMessages) {
          const s = this.send(contact, QUESTIONS[k++ % QUESTIONS.length]!);
          flights.push(s.flight);
          await s.replied;
          if (s.flight.error) return;
        }
      }),
    );
    await sleep(300);
    const inWindow = flights.filter((f) => f.replyAt !== undefined && f.replyAt >= from && f.replyAt <= to);
    return this.result(flights, inWindow, o.durationMs / 1000, unexpected0);
  }

  /**
   * Follow-ups: each contact sends a message, and `gapMs` after its reply arrived, a second
   * one. Returns the second messages' figures (with a burst window longer than the gap,
   * they are the ones the window holds back).
   */
  async followUps(o: { conversations: number; gapMs: number }): Promise<{ first: PassResult; followUp: PassResult }> {
    const contacts = this.contacts(o.conversations);
    const firsts: Flight[] = [];
    const seconds: Flight[] = [];
    const unexpected0 = this.unexpected;
    const t0 = performance.now();
    await Promise.all(
      contacts.map(async (contact, i) => {
        const a = this.send(contact, "hi, are you open on saturday?");
        firsts.push(a.flight);
        await a.replied;
        if (a.flight.error) return;
        await sleep(o.gapMs);
        const b = this.send(contact, QUESTIONS[i % QUESTIONS.length]!);
        seconds.push(b.flight);
        await b.replied;
      }),
    );
    await sleep(300);
    const wall = (performance.now() - t0) / 1000;
    return { first: this.result(firsts, firsts, wall, unexpected0), followUp: this.result(seconds, seconds, wall, this.unexpected) };
  }

  private result(flights: Flight[], measured: Flight[], seconds: number, unexpected0: number): PassResult {
    const ok = measured.filter((f) => f.replyAt !== undefined && f.ackAt !== undefined);
    return {
      messages: flights.length,
      replied: flights.filter((f) => f.replyAt !== undefined).length,
      unexpectedReplies: this.unexpected - unexpected0,
      rejected: flights.filter((f) => f.status !== 200).length,
      measured: ok.length,
      seconds,
      throughput: ok.length / seconds,
      latencyMs: summarize(ok.map((f) => f.replyAt! - f.ackAt!)),
    };
  }

  close(): void {
    this.http.close();
  }
}
