// The chat-platform adapters the configuration enables. A platform whose credentials are absent
// is left out with one clear log line; the web chat and the console always run.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { ChannelAdapter, ChannelDeps } from './common/channel.ts';
import { createLineChannel, isLineConfigured } from './line/index.ts';
import { createSlackChannel } from './slack/index.ts';
import { createTeamsChannel } from './teams/index.ts';

export function createChannels(config: Config, deps: ChannelDeps, log: Logger): ChannelAdapter[] {
  const channels: ChannelAdapter[] = [];
  if (isLineConfigured(config.line)) channels.push(createLineChannel(config.line, deps));
  else log.info('LINE channel disabled: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN to enable POST /webhooks/line');
  if (config.slack.signingSecret && config.slack.botToken) channels.push(createSlackChannel(config.slack, deps));
  else log.info('Slack channel disabled: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to enable POST /slack/events');
  if (config.teams.appId || config.teams.emulator) channels.push(createTeamsChannel(config.teams, deps));
  else log.info('Teams channel disabled: set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to enable POST /api/messages');
  return channels;
}
