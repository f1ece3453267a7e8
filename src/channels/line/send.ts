// Sends rendered messages to LINE: the first five by reply while the token is fresh, everything
// else by push, at most five messages per call. 429 and 5xx are retried with backoff; each push
// carries an X-Line-Retry-Key that stays the same on its retries, so a push LINE already took
// answers 409 and is not sent twice. A reply has no such key: after an uncertain failure (5xx,
// network) a refused token means the first attempt most likely arrived, so it is not pushed again.
import { createHash } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { Logger } from '../../logger.ts';
import { classifyHttpError, withRetry, type RetryOptions } from '../common/retry.ts';

type Message = messagingApi.Message;

export const MAX_MESSAGES_PER_CALL = 5;
/** How long LINE shows the loading animation unless an answer arrives first (5–60, a multiple of 5). */
export const LOADING_SECONDS = 20;
/** The animation is a courtesy: the answer never waits longer than this for it. */
const LOADING_WAIT_MS = 2000;

export type LineApi = Pick<messagingApi.MessagingApiClient, 'replyMessage' | 'pushMessage' | 'showLoadingAnimation'>;
export type SendRetry = Pick<RetryOptions, 'retries' | 'baseMs' | 'maxMs' | 'sleep' | 'random'>;

export type Delivery = {
  /** A user, group or room id. */
  to: string;
  /** Only while the token is fresh; without one, everything goes by push. */
  replyToken?: string;
  messages: Message[];
  /** The retry key for the batch-th group of five messages (asked once per push, reused on its retries). */
  retryKey: (batch: number) => string;
};

export class LineSender {
  constructor(
    private readonly api: LineApi,
    private readonly log: Logger,
    private readonly retry: SendRetry = {},
  ) {}

  /** Shows the typing dots in a 1:1 chat. Never throws, and never holds the answer back for long. */
  async showLoading(chatId: string): Promise<void> {
    const call = this.api.showLoadingAnimation({ chatId, loadingSeconds: LOADING_SECONDS }).then(
      () => undefined,
      (err) => this.log.warn({ err: summary(err) }, 'LINE loading animation failed; answering anyway'),
    );
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOADING_WAIT_MS)));
    await Promise.race([call, giveUp]);
    clearTimeout(timer);
  }

  /** Sends the messages in order; throws when LINE refuses them for good. */
  async deliver(d: Delivery): Promise<{ replied: boolean; pushes: number }> {
    const batches = chunk(d.messages, MAX_MESSAGES_PER_CALL);
    const replied = d.replyToken !== undefined && batches.length > 0 && (await this.reply(d.replyToken, batches[0]!));
    const first = replied ? 1 : 0;
    for (let i = first; i < batches.length; i++) await this.push(d.to, batches[i]!, d.retryKey(i));
    return { replied, pushes: batches.length - first };
  }

  /** True when the reply arrived (or most likely did); false when it should be pushed instead. */
  private async reply(replyToken: string, messages: Message[]): Promise<boolean> {
    let uncertain = false; // an attempt failed in a way that may still have delivered it
    try {
      await withRetry(() => this.api.replyMessage({ replyToken, messages }), {
        ...this.retry,
        classify: (err) => {
          const verdict = classifyHttpError(err);
          if (verdict.retry && statusOf(err) !== 429 && !neverSent(err)) uncertain = true;
          return verdict;
        },
        onRetry: (info) => this.onRetry('reply', info),
      });
      return true;
    } catch (err) {
      if (uncertain && statusOf(err) === 400) {
        this.log.warn({ err: summary(err) }, 'LINE refused the reply token after an uncertain failure; the first attempt most likely arrived, not pushing it again');
        return true;
      }
      this.log.info({ err: summary(err) }, 'LINE reply failed; sending by push instead');
      return false;
    }
  }

  private async push(to: string, messages: Message[], retryKey: string): Promise<void> {
    await withRetry(
      async () => {
        try {
          await this.api.pushMessage({ to, messages }, retryKey);
        } catch (err) {
          if (statusOf(err) !== 409) throw err;
          // 409: LINE already accepted a request with this key (an earlier attempt, or a run before a restart)
          this.log.info({ retryKey }, 'LINE push already accepted under this retry key');
        }
      },
      { ...this.retry, onRetry: (info) => this.onRetry('push', info) },
    );
  }

  private onRetry(call: string, info: { attempt: number; waitMs: number; err: unknown }) {
    this.log.warn({ call, attempt: info.attempt, waitMs: info.waitMs, err: summary(info.err) }, 'LINE API call failed; retrying');
  }
}

/**
 * A retry key derived from a stable name (the webhook event id and the push's number), so the
 * same push made again, even after a restart, is recognised by LINE. A name-based UUID (v5, RFC 9562).
 */
export function retryKeyFor(name: string): string {
  const bytes = createHash('sha1').update(RETRY_KEY_NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
const RETRY_KEY_NAMESPACE = Buffer.from('abf310e911e745a3b4ae48c7f547f082', 'hex');

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const statusOf = (err: unknown) => (err as { status?: unknown } | undefined)?.status;

/** The connection was never made (refused, unknown host): LINE cannot have received the request. */
const neverSent = (err: unknown) => /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/.test(String((err as { cause?: { code?: unknown } } | undefined)?.cause?.code ?? ''));

/** What is worth logging of an SDK error: no headers, and the body (LINE's reason) kept short. */
function summary(err: unknown) {
  const e = err as { status?: number; body?: unknown; message?: string } | undefined;
  return { status: e?.status, message: e?.message, body: typeof e?.body === 'string' ? e.body.slice(0, 300) : undefined };
}
