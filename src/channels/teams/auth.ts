// Bot Framework authentication for the Teams channel, chosen whole by mode (a partial object
// throws or silently drops defaults, sdk-notes B1/B5):
// - production (an app id): every inbound JWT is checked against the Bot Framework's OpenID keys
//   (issuer, audience = app id, `serviceurl` claim = the activity's serviceUrl, endorsements);
//   SingleTenant when a tenant id is set, else MultiTenant; the app password is required.
//   A custom OpenID metadata URL (a sovereign cloud, or tests) replaces the public one, and then
//   every other endpoint must be given too: setting one override makes the SDK drop all defaults.
// - emulator (no app id): no token checks and no outbound Authorization, for local use only.
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../../config.ts';
import { ErrorCode, TsunaguError } from '../../domain/errors.ts';

/** The public-cloud endpoints (botframework-connector `AuthenticationConstants`, which botbuilder does not re-export). */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
  ValidateAuthority: true,
};

export type TeamsMode = 'production' | 'emulator';

export type TeamsAuth = {
  mode: TeamsMode;
  /** The app id proactive messages are sent as ('' when authentication is off). */
  botAppId: string;
  authentication: ConfigurationBotFrameworkAuthentication;
  adapter: CloudAdapter;
};

export function createTeamsAuth(config: Config['teams']): TeamsAuth {
  const { appId, appPassword, tenantId, openIdMetadataUrl, emulator } = config;
  if (!appId) {
    if (!emulator) throw new TsunaguError(ErrorCode.ConfigInvalid, 'MICROSOFT_APP_ID: the Teams channel needs an app id (or TSUNAGU_TEAMS_EMULATOR=true for local use)', { field: 'MICROSOFT_APP_ID' });
    const authentication = new ConfigurationBotFrameworkAuthentication({});
    return { mode: 'emulator', botAppId: '', authentication, adapter: new CloudAdapter(authentication) };
  }
  if (!appPassword) throw new TsunaguError(ErrorCode.ConfigInvalid, 'MICROSOFT_APP_PASSWORD: the Teams channel needs the app password with MICROSOFT_APP_ID', { field: 'MICROSOFT_APP_PASSWORD' });
  const credentials = tenantId
    ? { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: tenantId }
    : { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppType: 'MultiTenant' };
  const endpoints = openIdMetadataUrl ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl } : {};
  const authentication = new ConfigurationBotFrameworkAuthentication({ ...credentials, ...endpoints });
  return { mode: 'production', botAppId: appId, authentication, adapter: new CloudAdapter(authentication) };
}

export type AuthVerdict = { status: 401; reason: string } | { status: 503; reason: string };

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * What a failed `authenticateRequest` means: the SDK throws `AuthenticationError` (statusCode
 * 401) for a missing, expired or foreign token, but lets jsonwebtoken's own error through for a
 * bad signature under a known key id (CloudAdapter.process would answer that with 500); both are
 * 401. Only "the signing keys could not be loaded" (statusCode 500) is ours: 503.
 */
export function authVerdict(err: unknown): AuthVerdict {
  const e = (err ?? {}) as { name?: string; statusCode?: unknown; message?: string };
  const reason = String(e.message ?? err).slice(0, 200);
  if (typeof e.statusCode === 'number' && e.statusCode >= 500) return { status: 503, reason };
  if (typeof e.statusCode === 'number' || JWT_ERRORS.has(e.name ?? '')) return { status: 401, reason };
  return { status: 503, reason };
}
