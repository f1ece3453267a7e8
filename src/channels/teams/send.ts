// Sends messages into a Teams conversation outside the request (a proactive message, sdk-notes B2):
// `continueConversationAsync` gives a connector client with the bot's credentials for the saved
// conversation, and each message is posted with `sendToConversation` (a new message, POST
// /v3/conversations/{id}/activities), one after the other so they arrive in order.
//
// Retries: 429, 412 and 5xx (botbuilder `RestError.statusCode`) and network failures are retried
// with backoff and jitter honouring Retry-After (common/retry.ts). The connector's HTTP pipeline
// has its own retry policy (@azure/core-rest-pipeline `defaultRetryPolicy`: three silent retries
// of 429 and 5xx, not 412); it is taken out so that there is one policy, ours, visible in the log.
import { TurnContext, type CloudAdapter } from 'botbuilder';
import type { Logger } from '../../logger.ts';
import { withRetry, type RetryOptions } from '../common/retry.ts';
import type { TeamsRef } from './inbound.ts';
import type { TeamsMessage } from './render.ts';

/** The part of botframework-connector's ConnectorClient used here. */
type Connector = {
  conversations: { sendToConversation(conversationId: string, activity: TeamsMessage): Promise<{ id?: string }> };
};

/** Posts messages, in order, into the conversation the sender was opened for. */
export type Post = (messages: TeamsMessage[]) => Promise<void>;

const SDK_RETRY_POLICY = 'defaultRetryPolicy';

export class TeamsSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly log: Logger,
    private readonly retry: RetryOptions = {},
  ) {}

  /** Runs `work` with a way to post into the conversation of `ref`; rejects when a message cannot be delivered. */
  async converse(ref: TeamsRef, work: (post: Post) => Promise<void>): Promise<void> {
    await this.adapter.continueConversationAsync(this.botAppId, ref, async (ctx) => {
      const connector = ctx.turnState.get(this.adapter.ConnectorClientKey) as Connector;
      if (!dropSdkRetry(connector)) this.log.warn('teams: the connector client has no retry policy to remove; retries may be doubled');
      await work(async (messages) => {
        for (const message of messages) await this.postOne(connector, ref, message);
      });
    });
  }

  private postOne(connector: Connector, ref: TeamsRef, message: TeamsMessage): Promise<unknown> {
    const conversationId = ref.conversation!.id;
    const activity = TurnContext.applyConversationReference({ ...message }, ref);
    return withRetry(() => connector.conversations.sendToConversation(conversationId, activity), {
      onRetry: ({ attempt, waitMs, err }) => this.log.warn({ attempt, waitMs, status: statusOf(err), type: message.type }, 'teams: sending failed, retrying'),
      ...this.retry,
    });
  }
}

/**
 * Removes the connector pipeline's own retry policy. The pipeline is a private field of the
 * archived SDK (botbuilder 4.23.3 is final), so this is checked, not assumed: false when absent.
 */
export function dropSdkRetry(connector: unknown): boolean {
  type Pipeline = { getOrderedPolicies(): { name: string }[]; removePolicy(options: { name: string }): unknown };
  const pipeline = (connector as { client?: { pipeline?: Pipeline } } | undefined)?.client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') return false;
  if (pipeline.getOrderedPolicies().some((p) => p.name === SDK_RETRY_POLICY)) pipeline.removePolicy({ name: SDK_RETRY_POLICY });
  return true;
}

const statusOf = (err: unknown): number | undefined => {
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};
