// Outbound calls to a chat platform: retried on 429 and 5xx (and network errors) with exponential
// backoff and full jitter, honouring Retry-After; anything else fails at once. Sleeping and the
// random source are injectable so tests run without waiting.

export type RetryVerdict = { retry: false } | { retry: true; afterMs?: number };

export type RetryOptions = {
  /** Attempts after the first one. */
  retries?: number;
  baseMs?: number;
  maxMs?: number;
  /** Whether an error is worth another attempt, and after how long the platform asked for. */
  classify?: (err: unknown) => RetryVerdict;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { attempt: number; waitMs: number; err: unknown }) => void;
};

export const DEFAULT_RETRIES = 4;
const DEFAULT_BASE_MS = 500;
const DEFAULT_MAX_MS = 30_000;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `call` until it succeeds, the error is not retryable, or the retries are used up. */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const classify = opts.classify ?? classifyHttpError;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (err) {
      const verdict = classify(err);
      if (!verdict.retry || attempt >= retries) throw err;
      const cap = Math.min(opts.maxMs ?? DEFAULT_MAX_MS, (opts.baseMs ?? DEFAULT_BASE_MS) * 2 ** attempt);
      const jittered = Math.round((opts.random ?? Math.random)() * cap); // full jitter
      const waitMs = Math.min(opts.maxMs ?? DEFAULT_MAX_MS, Math.max(jittered, verdict.afterMs ?? 0));
      opts.onRetry?.({ attempt: attempt + 1, waitMs, err });
      await (opts.sleep ?? sleepFor)(waitMs);
    }
  }
}

/** Status 429 or 5xx (and 412, which Teams asks to retry), or no status at all (the network failed). */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 429 || status === 412 || status >= 500;
}

/**
 * Reads a status and a Retry-After from the error shapes the SDKs throw: LINE `HTTPFetchError`
 * (status, headers), Slack `WebAPIRateLimitedError` (retryAfter seconds) and `WebAPIHTTPError`
 * (statusCode, headers), botbuilder `RestError` (statusCode, response.headers).
 */
export function classifyHttpError(err: unknown): RetryVerdict {
  const e = (err ?? {}) as Record<string, unknown>;
  if (typeof e.retryAfter === 'number') return { retry: true, afterMs: e.retryAfter * 1000 };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined && !isNetworkError(e)) return { retry: false };
  if (!isRetryableStatus(status)) return { retry: false };
  const after = retryAfterMs(headerOf(e.headers, 'retry-after') ?? headerOf((e.response as Record<string, unknown> | undefined)?.headers, 'retry-after'));
  return after === undefined ? { retry: true } : { retry: true, afterMs: after };
}

function isNetworkError(e: Record<string, unknown>): boolean {
  const code = typeof e.code === 'string' ? e.code : typeof (e.cause as Record<string, unknown> | undefined)?.code === 'string' ? String((e.cause as Record<string, unknown>).code) : '';
  return /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR_)/.test(code) || e.name === 'FetchError' || (e.name === 'TypeError' && e.message === 'fetch failed');
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  const hit = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = hit ? record[hit] : undefined;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Retry-After as seconds or as an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
