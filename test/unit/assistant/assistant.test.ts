import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Assistant, MAX_MESSAGE_CHARS } from '../../../src/assistant/assistant.ts';
import type { Dialog, TurnInput, TurnOutcome } from '../../../src/assistant/dialog.ts';
import { messages } from '../../../src/assistant/messages.ja.ts';
import { RateLimiter } from '../../../src/assistant/rate-limit.ts';
import type { SessionState } from '../../../src/assistant/session.ts';
import { openStore } from '../../../src/store/index.ts';

const silent = pino({ level: 'silent' });
const clock = () => new Date('2026-11-21T01:00:00Z');

/** A dialog that echoes, counts turns in the state, and fails on "boom". */
class EchoDialog {
  seen: string[] = [];
  async respond(t: TurnInput): Promise<TurnOutcome> {
    this.seen.push(t.text ?? t.postback ?? '');
    if (t.text === 'boom') throw new Error('database on fire');
    if (t.text?.startsWith('slow')) await new Promise((r) => setTimeout(r, 30));
    const state: SessionState = { ...t.state, failures: t.state.failures + 1 };
    return { intent: 'smalltalk', state, messages: [{ text: `echo:${t.text ?? t.postback}` }], citations: [] };
  }
  profileNoted(state: SessionState): TurnOutcome {
    return { intent: 'smalltalk', state, messages: [{ text: 'noted' }], citations: [] };
  }
}

function setup(rateLimiter?: RateLimiter) {
  const store = openStore(':memory:');
  const dialog = new EchoDialog();
  const assistant = new Assistant({ dialog: dialog as unknown as Dialog, sessions: store.sessions, clock, log: silent, rateLimiter });
  return { store, dialog, assistant };
}
const msg = (userId: string, text: string) => ({ channel: 'web' as const, userId, text, receivedAt: new Date() });

describe('Assistant.handle', () => {
  it('returns the contract shape and records the turn in the transcript', async () => {
    const { assistant, store } = setup();
    const turn = await assistant.handle(msg('u1', 'こんにちは'));
    expect(turn).toEqual({ messages: [{ text: 'echo:こんにちは' }], meta: { intent: 'smalltalk', citations: [], partners: [], subsidies: [], refusal: false } });
    expect(store.sessions.transcript('web:u1').map((e) => [e.role, e.text])).toEqual([
      ['owner', 'こんにちは'],
      ['assistant', 'echo:こんにちは'],
    ]);
  });

  it('runs the turns of one session one after another, in arrival order', async () => {
    const { assistant, dialog, store } = setup();
    await Promise.all([assistant.handle(msg('u1', 'slow-1')), assistant.handle(msg('u1', '2')), assistant.handle(msg('u1', 'slow-3'))]);
    expect(dialog.seen).toEqual(['slow-1', '2', 'slow-3']);
    expect(store.sessions.load<SessionState>('web:u1')!.failures).toBe(3); // no lost update
  });

  it('answers an internal error with a plain Japanese message and keeps the session as it was', async () => {
    const { assistant, store } = setup();
    await assistant.handle(msg('u1', 'first'));
    const turn = await assistant.handle(msg('u1', 'boom'));
    expect(turn.messages[0]!.text).toBe(messages.internalError);
    expect(JSON.stringify(turn)).not.toMatch(/database on fire|Error|at /);
    expect(store.sessions.load<SessionState>('web:u1')!.failures).toBe(1);
    expect((await assistant.handle(msg('u1', 'next'))).messages[0]!.text).toBe('echo:next'); // and the session goes on
  });

  it('bounds the message length before any processing', async () => {
    const { assistant, dialog } = setup();
    const turn = await assistant.handle(msg('u1', 'あ'.repeat(MAX_MESSAGE_CHARS + 1)));
    expect(turn.messages[0]!.text).toBe(messages.tooLong(MAX_MESSAGE_CHARS));
    expect(dialog.seen).toEqual([]);
  });

  it('rate-limits one session without slowing down another', async () => {
    const { assistant } = setup(new RateLimiter({ capacity: 3, refillPerSecond: 0 }));
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) texts.push((await assistant.handle(msg('busy', `m${i}`))).messages[0]!.text);
    expect(texts.slice(0, 3)).toEqual(['echo:m0', 'echo:m1', 'echo:m2']);
    expect(texts.slice(3)).toEqual([messages.rateLimited, messages.rateLimited]);
    expect((await assistant.handle(msg('calm', 'hi'))).messages[0]!.text).toBe('echo:hi');
  });
});

describe('RateLimiter', () => {
  it('refills over time', () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(limiter.take('k', 0)).toBe(true);
    expect(limiter.take('k', 500)).toBe(false);
    expect(limiter.take('k', 1600)).toBe(true);
  });
});
