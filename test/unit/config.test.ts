import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR, loadConfig } from '../../src/config.ts';
import { TsunaguError } from '../../src/domain/errors.ts';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ port: 3000, dataDir: '/srv/app/data', knowledgeDirs: [DEFAULT_KNOWLEDGE_DIR], registryFile: undefined, openai: undefined });
    expect(c.line.apiBaseUrl).toBe('https://api.line.me');
  });

  it('splits knowledge roots on ":" and resolves paths against the working directory', () => {
    const c = loadConfig({ TSUNAGU_KNOWLEDGE_DIRS: 'a:/abs/b', TSUNAGU_REGISTRY: 'r.csv' }, '/srv/app');
    expect(c.knowledgeDirs).toEqual(['/srv/app/a', '/abs/b']);
    expect(c.registryFile).toBe(path.join('/srv/app', 'r.csv'));
  });

  it('enables an OpenAI-compatible endpoint by key or by base URL alone', () => {
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' }).openai).toMatchObject({ apiKey: 'not-needed', baseUrl: 'http://127.0.0.1:8080/v1' });
  });

  it('runs Teams without token checks only when the emulator mode is asked for', () => {
    expect(loadConfig({}).teams.emulator).toBe(false);
    expect(loadConfig({ TSUNAGU_TEAMS_EMULATOR: 'true' }).teams.emulator).toBe(true);
    expect(() => loadConfig({ TSUNAGU_TEAMS_EMULATOR: 'yes' })).toThrow(/TSUNAGU_TEAMS_EMULATOR/);
    expect(loadConfig({ MICROSOFT_OPENID_METADATA_URL: 'http://127.0.0.1:9/openid' }).teams.openIdMetadataUrl).toBe('http://127.0.0.1:9/openid');
  });

  it('names the variable on bad input', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(TsunaguError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: /);
    expect(() => loadConfig({ SLACK_API_URL: 'not a url' })).toThrow(/SLACK_API_URL/);
  });
});
