// Verifies a LINE webhook before anything is processed: the raw body (at most 1 MB) is checked
// against x-line-signature (base64 HMAC-SHA256 with the channel secret) by the SDK's middleware,
// which then parses the JSON. A forged or unsigned request gets 401 and a warning, invalid
// JSON 400, other unreadable bodies their 4xx; too large (413) goes on to the server's handler.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { JSONParseError, SignatureValidationFailed, middleware } from '@line/bot-sdk';
import type { Logger } from '../../logger.ts';
import { sendError } from '../../server/errors.ts';

/** LINE batches events into one request; even a large batch stays far below this. */
export const MAX_WEBHOOK_BODY = '1mb';

/** The raw-body parser and the signature check, in that order: `req.body` is the verified JSON after them. */
export function verifiedBody(channelSecret: string): RequestHandler[] {
  return [express.raw({ type: () => true, limit: MAX_WEBHOOK_BODY }), middleware({ channelSecret })];
}

/** Maps the SDK's verification errors to HTTP answers; anything else goes on. */
export function verificationErrors(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (err instanceof SignatureValidationFailed) {
      log.warn({ path: req.path, ip: req.ip, reason: err.message }, 'LINE webhook refused: missing or invalid signature');
      return sendError(res, 401, 'invalid_signature', { message: 'signature validation failed' });
    }
    if (err instanceof JSONParseError) return sendError(res, 400, 'invalid_json', { message: 'request body is not valid JSON' });
    const status = (err as { status?: unknown; type?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500 && status !== 413) {
      // other body-parser refusals (an unknown content encoding, an aborted upload): the sender's fault, not ours
      log.warn({ path: req.path, ip: req.ip, status, type: (err as { type?: unknown }).type }, 'LINE webhook refused: unreadable body');
      return sendError(res, status, 'invalid_request', { message: 'request body could not be read' });
    }
    next(err);
  };
}
