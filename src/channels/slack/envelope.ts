// Reads a verified Slack request body: Events API callbacks arrive as JSON, interactive payloads
// (button presses) as a form with one `payload=` field holding JSON. Decides what the request
// is before anything is processed: Slack's URL check, an event or a button press worth taking in
// (with the id it is de-duplicated by), or something this app does not handle.
import { isPostbackAction } from './render.ts';

/** Event types the app answers (the rest is acknowledged and dropped). */
const ANSWERED_EVENTS = new Set(['message', 'app_mention']);

export type Envelope =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'ssl_check' }
  /** An event or a button press to process once: `id` is Slack's event_id, or the press's trigger_id. */
  | { kind: 'inbound'; id: string; body: Record<string, unknown> }
  | { kind: 'ignored'; why: string };

/** Throws `MalformedBodyError` when the body is not what Slack sends (bad JSON, no object). */
export function readEnvelope(raw: Buffer, contentType: string | undefined): Envelope {
  const text = raw.toString('utf8');
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
    const form = new URLSearchParams(text);
    if (form.get('ssl_check') === '1') return { kind: 'ssl_check' };
    const payload = form.get('payload');
    if (payload === null) return { kind: 'ignored', why: 'form without payload (slash command?)' };
    return classify(parseObject(payload));
  }
  return classify(parseObject(text));
}

export class MalformedBodyError extends Error {}

function parseObject(json: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new MalformedBodyError(`not JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new MalformedBodyError('not a JSON object');
  return value as Record<string, unknown>;
}

function classify(body: Record<string, unknown>): Envelope {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  switch (body.type) {
    case 'url_verification':
      return { kind: 'url_verification', challenge: String(body.challenge ?? '') };
    case 'event_callback': {
      const event = (body.event ?? {}) as Record<string, unknown>;
      const id = str(body.event_id);
      if (!id) return { kind: 'ignored', why: 'event without event_id' };
      if (!ANSWERED_EVENTS.has(String(event.type))) return { kind: 'ignored', why: `event ${String(event.type)}` };
      return { kind: 'inbound', id, body };
    }
    case 'block_actions': {
      const actions = Array.isArray(body.actions) ? (body.actions as { action_id?: unknown }[]) : [];
      const id = str(body.trigger_id);
      if (!id) return { kind: 'ignored', why: 'block_actions without trigger_id' };
      if (!actions.some((a) => isPostbackAction(String(a.action_id)))) return { kind: 'ignored', why: 'no postback button (a link was opened)' };
      return { kind: 'inbound', id: `action:${id}`, body };
    }
    default:
      return { kind: 'ignored', why: `type ${String(body.type)}` };
  }
}
