// What every chat-platform adapter (LINE, Slack, Teams) gives the server and the rest of the
// app. The adapter verifies, de-duplicates, acknowledges and renders; the core stays channel-neutral.
import type { Express } from 'express';
import type { Clock } from '../../assistant/ports.ts';
import type { AssistantTurn, Channel, InboundMessage, Reply } from '../../domain/conversation.ts';
import type { Logger } from '../../logger.ts';
import type { BackgroundWork } from './background.ts';

export type ChannelAdapter = {
  channel: Exclude<Channel, 'web' | 'cli'>;
  /** Adds the adapter's webhook route(s), each with its own raw-body parser and size limit. */
  mount(app: Express): void;
  /**
   * Sends replies to an owner outside a turn (a staff answer), to the address saved for the
   * session (`${channel}:${userId}`). Throws when no address is known or the platform refuses.
   */
  push(sessionKey: string, replies: Reply[]): Promise<void>;
  /** Processes events acknowledged before the last stop but never answered (call once at start). */
  resume(): void;
};

/** What an adapter needs from the app. */
export type ChannelDeps = {
  assistant: { handle(message: InboundMessage): Promise<AssistantTurn> };
  /** Event ids taken in (claim before acknowledging, done after answering; pending ones are resumed at start). */
  events: {
    claim(channel: string, eventId: string, at: Date, payload?: string): boolean;
    done(channel: string, eventId: string, at: Date): void;
    pending(channel: string): { eventId: string; payload: string; receivedAt: string }[];
  };
  /** The address to reach each session's owner outside a turn. */
  refs: { save(sessionKey: string, ref: unknown, at: Date): void; get<T>(sessionKey: string): T | undefined };
  work: BackgroundWork;
  log: Logger;
  clock: Clock;
  /** Public origin for links (files, charts) in messages; platforms need absolute https URLs. */
  publicUrl?: string;
};
