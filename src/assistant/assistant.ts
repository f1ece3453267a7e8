// The channel-neutral core (DESIGN §1, §3): Assistant.handle(InboundMessage) → AssistantTurn.
// It serialises turns per session, applies the rate limit and the input bound, loads the
// session, lets the dialog decide, and saves state and transcript together. Any internal
// error becomes a plain Japanese message; the session stays as it was before the turn.
import type { AssistantTurn, InboundMessage, OwnerProfile } from '../domain/conversation.ts';
import type { Logger } from '../logger.ts';
import type { Dialog, TurnOutcome } from './dialog.ts';
import { messages } from './messages.ja.ts';
import type { Clock, SessionStore, TranscriptEntry } from './ports.ts';
import { RateLimiter } from './rate-limit.ts';
import { mergeProfile, newSession, type SessionState } from './session.ts';

export const MAX_MESSAGE_CHARS = 1000;

export type AssistantDeps = {
  dialog: Dialog;
  sessions: SessionStore;
  clock: Clock;
  log: Logger;
  rateLimiter?: RateLimiter;
};

export const sessionKeyOf = (msg: Pick<InboundMessage, 'channel' | 'userId'>) => `${msg.channel}:${msg.userId}`;

const plainTurn = (text: string, intent: string, refusal = false): AssistantTurn => ({
  messages: [{ text }],
  meta: { intent, citations: [], partners: [], subsidies: [], refusal },
});

export class Assistant {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly rateLimiter: RateLimiter;

  constructor(private readonly deps: AssistantDeps) {
    this.rateLimiter = deps.rateLimiter ?? new RateLimiter();
  }

  /** Answers one inbound message. `profile` (API, eval) fills the owner's profile before the turn. */
  handle(msg: InboundMessage, profile?: OwnerProfile): Promise<AssistantTurn> {
    const key = sessionKeyOf(msg);
    const previous = this.queues.get(key) ?? Promise.resolve();
    const turn = previous.then(() => this.turn(key, msg, profile));
    const settled = turn.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return turn;
  }

  /** The session's transcript, oldest first (the web chat shows it after a reload). */
  history(key: string, limit = 100): TranscriptEntry[] {
    return this.deps.sessions.transcript(key, limit);
  }

  private async turn(key: string, msg: InboundMessage, profile?: OwnerProfile): Promise<AssistantTurn> {
    const { sessions, clock, log, dialog } = this.deps;
    const now = clock();
    const text = msg.text?.trim();
    if (!this.rateLimiter.take(key, now.getTime())) return plainTurn(messages.rateLimited, 'rate_limited');
    if (text && text.length > MAX_MESSAGE_CHARS) return plainTurn(messages.tooLong(MAX_MESSAGE_CHARS), 'unknown');
    try {
      let state = sessions.load<SessionState>(key);
      if (!state) {
        // a first message may already open a case for staff, which belongs to a stored session
        state = newSession();
        sessions.save(key, state, []);
      }
      if (profile) state.profile = mergeProfile(state.profile, profile);
      const outcome: TurnOutcome = text || msg.postback ? await dialog.respond({ key, text, postback: msg.postback, state, now }) : dialog.profileNoted(state);
      const turn: AssistantTurn = {
        messages: outcome.messages,
        meta: {
          intent: outcome.intent,
          citations: outcome.citations,
          partners: outcome.partners ?? [],
          subsidies: outcome.subsidies ?? [],
          ...(outcome.escalationId ? { escalationId: outcome.escalationId } : {}),
          refusal: outcome.refusal ?? false,
        },
      };
      const at = now.toISOString();
      const entries: TranscriptEntry[] = [
        { role: 'owner', text: text ?? '', at, ...(msg.postback ? { postback: msg.postback } : {}) },
        { role: 'assistant', text: turn.messages.map((m) => m.text).join('\n\n'), at, intent: turn.meta.intent },
      ];
      sessions.save(key, outcome.state, text || msg.postback ? entries : []);
      return turn;
    } catch (err) {
      log.error({ err, session: key }, 'turn failed');
      return plainTurn(messages.internalError, 'error');
    }
  }
}
