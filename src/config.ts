// The only place that reads process.env (DESIGN §6). Everything else receives a Config.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ErrorCode, TsunaguError } from './domain/errors.ts';

/** The project root (where package.json and knowledge/ live), wherever the process was started. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_KNOWLEDGE_DIR = path.join(PROJECT_ROOT, 'knowledge');

const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined))
  .pipe(z.url({ message: 'expected an http(s) URL' }).optional());

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TSUNAGU_DATA_DIR: z.string().default('./data'),
  TSUNAGU_KNOWLEDGE_DIRS: z.string().optional(),
  TSUNAGU_REGISTRY: z.string().optional(),
  TSUNAGU_PUBLIC_URL: optionalUrl,
  TSUNAGU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LINE_CHANNEL_SECRET: optionalSecret,
  LINE_CHANNEL_ACCESS_TOKEN: optionalSecret,
  LINE_API_BASE_URL: optionalUrl,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_API_URL: optionalUrl,
  MICROSOFT_APP_ID: optionalSecret,
  MICROSOFT_APP_PASSWORD: optionalSecret,
  MICROSOFT_APP_TENANT_ID: optionalSecret,
  /** Where the Bot Framework's signing keys are published (default: the public cloud); tests serve their own. */
  MICROSOFT_OPENID_METADATA_URL: optionalUrl,
  /** Runs the Teams endpoint without an app id and without token checks, for the Bot Framework Emulator only. */
  TSUNAGU_TEAMS_EMULATOR: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  /** A Slack channel (id) where staff are told of new cases, one thread per case; needs SLACK_BOT_TOKEN. */
  TSUNAGU_STAFF_SLACK_CHANNEL: optionalSecret,
  /** Hours within which a case should get a first staff answer (the console shows the age against it). */
  TSUNAGU_CASE_SLA_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
  OPENAI_API_KEY: optionalSecret,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().default('gpt-4.1-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
});

export type Config = {
  port: number;
  dataDir: string;
  knowledgeDirs: string[];
  registryFile?: string;
  logLevel: z.infer<typeof Env>['TSUNAGU_LOG_LEVEL'];
  /** Public origin of this server (https://tsunagu.example.jp) for links sent to chat apps; unset = same-origin links. */
  publicUrl?: string;
  line: { channelSecret?: string; accessToken?: string; apiBaseUrl: string };
  slack: { signingSecret?: string; botToken?: string; apiUrl: string };
  teams: { appId?: string; appPassword?: string; tenantId?: string; openIdMetadataUrl?: string; emulator: boolean };
  openai?: { apiKey: string; baseUrl?: string; chatModel: string; embeddingModel: string };
  console: { slaHours: number; staffSlackChannel?: string };
};

/** Reads the configuration once. Throws a TsunaguError naming the variable on bad input. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new TsunaguError(ErrorCode.ConfigInvalid, `${name}: ${issue?.message ?? 'invalid value'}`, { field: name });
  }
  const e = parsed.data;
  const knowledgeDirs = e.TSUNAGU_KNOWLEDGE_DIRS
    ? e.TSUNAGU_KNOWLEDGE_DIRS.split(':').filter(Boolean).map((d) => path.resolve(cwd, d))
    : [DEFAULT_KNOWLEDGE_DIR];
  // An OpenAI-compatible endpoint is used when a key or a base URL is given; local servers
  // often need no key, but the client insists on one, so a placeholder is passed.
  const openai =
    e.OPENAI_API_KEY || e.OPENAI_BASE_URL
      ? { apiKey: e.OPENAI_API_KEY ?? 'not-needed', baseUrl: e.OPENAI_BASE_URL, chatModel: e.OPENAI_MODEL, embeddingModel: e.OPENAI_EMBEDDING_MODEL }
      : undefined;
  return {
    port: e.PORT,
    dataDir: path.resolve(cwd, e.TSUNAGU_DATA_DIR),
    knowledgeDirs,
    registryFile: e.TSUNAGU_REGISTRY ? path.resolve(cwd, e.TSUNAGU_REGISTRY) : undefined,
    logLevel: e.TSUNAGU_LOG_LEVEL,
    publicUrl: e.TSUNAGU_PUBLIC_URL?.replace(/\/+$/, ''),
    line: { channelSecret: e.LINE_CHANNEL_SECRET, accessToken: e.LINE_CHANNEL_ACCESS_TOKEN, apiBaseUrl: e.LINE_API_BASE_URL ?? 'https://api.line.me' },
    slack: { signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL ?? 'https://slack.com/api/' },
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      openIdMetadataUrl: e.MICROSOFT_OPENID_METADATA_URL,
      emulator: e.TSUNAGU_TEAMS_EMULATOR,
    },
    openai,
    console: { slaHours: e.TSUNAGU_CASE_SLA_HOURS, staffSlackChannel: e.TSUNAGU_STAFF_SLACK_CHANNEL },
  };
}
