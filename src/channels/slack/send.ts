// Posts rendered messages to Slack with chat.postMessage, one after the other so they arrive in
// order, each retried on 429 (honouring Retry-After), 5xx, Slack's transient errors and network
// failures with backoff and jitter (common/retry.ts). The Web API client's own retries are off
// (retries: 0, rate-limited calls rejected) so there is exactly one retry policy, ours.
import { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.ts';
import { classifyHttpError, withRetry, type RetryOptions, type RetryVerdict } from '../common/retry.ts';
import type { SlackRef } from './inbound.ts';
import type { SlackMessage } from './render.ts';

/** Slack platform errors that mean "try again later" (https://docs.slack.dev/reference/methods/chat.postMessage). */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

export type SlackClientOptions = { botToken: string; apiUrl: string; log: Logger };

export function createSlackWebClient({ botToken, apiUrl, log }: SlackClientOptions): webApi.WebClient {
  return new webApi.WebClient(botToken, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: boltLogger(log),
  });
}

export class SlackSender {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    private readonly retry: RetryOptions = {},
  ) {}

  /** Sends the messages in order to the conversation (and thread) of `ref`. Throws when one cannot be delivered. */
  async send(ref: SlackRef, messages: SlackMessage[]): Promise<void> {
    for (const message of messages) {
      await withRetry(
        () =>
          this.client.chat.postMessage({
            channel: ref.channel,
            ...(ref.threadTs ? { thread_ts: ref.threadTs } : {}),
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
          }),
        {
          classify: classifySlackError,
          onRetry: ({ attempt, waitMs, err }) => this.log.warn({ attempt, waitMs, err: describe(err), channel: ref.channel }, 'slack chat.postMessage failed, retrying'),
          ...this.retry,
        },
      );
    }
  }
}

/** Retry verdicts for the Web API's errors: rate limits and HTTP errors as usual, plus transient platform errors and network failures. */
export function classifySlackError(err: unknown): RetryVerdict {
  if (err instanceof webApi.WebAPIPlatformError) return { retry: TRANSIENT_PLATFORM_ERRORS.has(err.data.error ?? '') };
  if (err instanceof webApi.WebAPIRequestError) return classifyHttpError(err.original);
  return classifyHttpError(err);
}

const describe = (err: unknown) => (err instanceof Error ? { name: err.name, message: err.message } : String(err));

/** Bolt's and the Web API client's logging, into our logger. */
export function boltLogger(log: Logger): webApi.Logger {
  const child = log.child({ component: 'slack-sdk' });
  let level = webApi.LogLevel.INFO;
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
