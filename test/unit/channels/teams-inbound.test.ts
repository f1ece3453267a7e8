// Teams inbound: reading activities into work (text, button postbacks, suggested-action labels,
// the welcome), the owner's id and address, and what a failed token check means.
import { describe, expect, it } from 'vitest';
import { authVerdict } from '../../../src/channels/teams/auth.ts';
import {
  NO_TENANT,
  TeamsActivity,
  WELCOME_POSTBACK,
  addressAfterInbound,
  jobOf,
  postbackOf,
  refOf,
  teamsUserId,
  type TeamsAddress,
} from '../../../src/channels/teams/inbound.ts';
import { dropSdkRetry } from '../../../src/channels/teams/send.ts';

const activity = (over: Record<string, unknown> = {}) =>
  TeamsActivity.parse({
    type: 'message',
    id: 'act-1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/jp/',
    text: 'こんにちは',
    from: { id: '29:user', aadObjectId: 'aad-1', name: '山田' },
    recipient: { id: '28:bot', name: 'つなぐ' },
    conversation: { id: 'a:conv1', conversationType: 'personal', tenantId: 't1' },
    channelData: { tenant: { id: 't1' } },
    ...over,
  });

describe('jobOf', () => {
  it('reads text without mentions, for the owner in their organisation', () => {
    const job = jobOf(activity({ text: '<at>つなぐ</at> 補助金を 探したい' }))!;
    expect(job).toMatchObject({ userId: 't1:aad-1', text: '補助金を 探したい' });
    expect(job.postback).toBeUndefined();
    expect(job.ref).toMatchObject({ conversation: { id: 'a:conv1' }, serviceUrl: 'https://smba.trafficmanager.net/jp/', bot: { id: '28:bot' } });
    expect(job.ref).not.toHaveProperty('activityId');
  });

  it('reads an Adaptive Card button as its postback, whatever text comes with it', () => {
    expect(jobOf(activity({ text: undefined, value: { postback: 'diag:industry:metal', msteams: {} } }))).toMatchObject({ postback: 'diag:industry:metal' });
    expect(jobOf(activity({ text: '金属製品', value: '{"postback":"diag:industry:metal"}' }))).toMatchObject({ postback: 'diag:industry:metal' });
    expect(postbackOf({ postback: '' })).toBeUndefined();
    expect(postbackOf({ postback: 'x'.repeat(301) })).toBeUndefined();
    expect(postbackOf('not json')).toBeUndefined();
  });

  it('maps a pressed suggested action (its label as text) back to the choice, only in the conversation it was offered in', () => {
    const address: TeamsAddress = { ref: refOf(activity()), suggested: { conversationId: 'a:conv1', choices: [{ id: 'menu:diagnosis', label: '診断の続きをする' }] } };
    expect(jobOf(activity({ text: '診断の続きをする' }), address)).toMatchObject({ postback: 'menu:diagnosis' });
    expect(jobOf(activity({ text: '診断の続きをする', conversation: { id: 'a:other', conversationType: 'personal' } }), address)).toMatchObject({ text: '診断の続きをする' });
    expect(jobOf(activity({ text: '診断の続き' }), address)).toMatchObject({ text: '診断の続き' });
  });

  it('asks for the welcome when the bot is added, and ignores other events', () => {
    const added = activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '29:user' }, { id: '28:bot' }] });
    expect(jobOf(added)).toMatchObject({ userId: 't1:aad-1', postback: WELCOME_POSTBACK });
    expect(jobOf(activity({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone' }] }))).toBeUndefined();
    expect(jobOf(activity({ type: 'typing' }))).toBeUndefined();
    expect(jobOf(activity({ type: 'invoke', value: { postback: 'menu:subsidy' } }))).toBeUndefined();
  });

  it('gives a message without readable text neither text nor postback (the adapter answers it itself)', () => {
    const job = jobOf(activity({ text: '<at>つなぐ</at>', attachments: [{ contentType: 'image/png' }] }))!;
    expect(job.text).toBeUndefined();
    expect(job.postback).toBeUndefined();
  });

  it('identifies the owner by tenant and AAD object id, falling back to the channel account', () => {
    expect(teamsUserId(activity({ from: { id: '29:user' } }))).toBe('t1:29:user');
    expect(teamsUserId(activity({ channelData: undefined, conversation: { id: 'c' } }))).toBe(`${NO_TENANT}:aad-1`);
  });

  it('refuses an activity without a usable serviceUrl', () => {
    expect(TeamsActivity.safeParse({ ...activity(), serviceUrl: 'ftp://x' }).success).toBe(false);
    expect(TeamsActivity.safeParse({ ...activity(), conversation: {} }).success).toBe(false);
  });
});

describe('addressAfterInbound', () => {
  const personal = refOf(activity());
  const channel = refOf(activity({ conversation: { id: '19:team@thread.skype;messageid=1', conversationType: 'channel' } }));
  it('keeps a 1:1 chat over a channel, so a staff answer is not posted where others read it', () => {
    expect(addressAfterInbound({ ref: personal }, channel)).toEqual({ ref: personal });
    expect(addressAfterInbound({ ref: channel }, personal)).toEqual({ ref: personal });
    expect(addressAfterInbound(undefined, channel)).toEqual({ ref: channel });
  });
  it('forgets the suggested actions once the owner writes', () => {
    expect(addressAfterInbound({ ref: personal, suggested: { conversationId: 'a:conv1', choices: [] } }, personal)).toEqual({ ref: personal });
  });
});

describe('authVerdict', () => {
  it('refuses bad tokens with 401 and reports unloadable keys as 503', () => {
    expect(authVerdict(Object.assign(new Error('Unauthorized. Invalid AppId passed on token: x'), { statusCode: 401 }))).toMatchObject({ status: 401 });
    expect(authVerdict(Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' }))).toMatchObject({ status: 401 });
    expect(authVerdict(Object.assign(new Error('Failed to load Keys: 404'), { statusCode: 500 }))).toMatchObject({ status: 503 });
  });
});

describe('dropSdkRetry', () => {
  it('removes the connector pipeline retry policy, and says when there is no pipeline', () => {
    const policies = [{ name: 'deserializationPolicy' }, { name: 'defaultRetryPolicy' }];
    const connector = {
      client: {
        pipeline: {
          getOrderedPolicies: () => policies,
          removePolicy: ({ name }: { name: string }) => policies.splice(policies.findIndex((p) => p.name === name), 1),
        },
      },
    };
    expect(dropSdkRetry(connector)).toBe(true);
    expect(policies.map((p) => p.name)).toEqual(['deserializationPolicy']);
    expect(dropSdkRetry({})).toBe(false);
  });
});
