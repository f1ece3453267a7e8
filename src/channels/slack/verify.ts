// Checks that a request really comes from Slack (signature v0, DESIGN §6, anchors §5b) on the raw
// bytes, before anything is parsed: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing
// secret, compared in constant time by Bolt's verifier, and a timestamp no more than five
// minutes away from now in either direction (Bolt only refuses old ones; we also refuse the
// far future, so a captured request cannot be replayed later).
import { isValidSlackRequest } from '@slack/bolt';

/** How far a request's timestamp may be from our clock. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export type SignatureHeaders = { signature?: string; timestamp?: string };
export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing headers' | 'bad timestamp' | 'stale or future timestamp' | 'bad signature' };

export function verifySlackSignature(raw: Buffer, headers: SignatureHeaders, signingSecret: string, now: Date): SignatureVerdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: 'missing headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad timestamp' };
  const sentMs = Number(timestamp) * 1000;
  if (Math.abs(now.getTime() - sentMs) > SIGNATURE_WINDOW_MS) return { ok: false, reason: 'stale or future timestamp' };
  const valid = isValidSlackRequest({
    signingSecret,
    body: raw.toString('utf8'),
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
    nowMilliseconds: now.getTime(),
  });
  return valid ? { ok: true } : { ok: false, reason: 'bad signature' };
}
