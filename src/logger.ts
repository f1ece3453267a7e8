// One logger for the process. Logs go to stderr so that stdout stays clean for answers.
import pino from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

export function createLogger(level: Config['logLevel'] = 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
