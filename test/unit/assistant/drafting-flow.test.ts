// The drafting conversation: choosing the kind, asking only what the profile and diagnosis do
// not give, one question at a time with skip and 「作成する」, owner-style numbers, a state that
// survives a round trip through JSON, and the reply that delivers the files.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { deliverDraft, DraftingFlow, type DraftingState, type DraftingStep } from '../../../src/assistant/flows/drafting.ts';
import { draftingText } from '../../../src/assistant/flows/drafting.ja.ts';
import type { FileStore } from '../../../src/assistant/ports.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';
import type { OwnerProfile } from '../../../src/domain/conversation.ts';
import { draftText } from '../../../src/drafting/drafting.ja.ts';
import { DRAFT_KINDS, type DraftKind } from '../../../src/drafting/kinds.ts';
import { mergeFacts, sourceFacts, unsupportedNumbers } from '../../../src/eval/grounding.ts';
import { readFileSync } from 'node:fs';
import { FIXTURE_KNOWLEDGE } from '../../helpers/fixtures.ts';

const NOW = new Date('2026-11-21T01:00:00Z'); // 10:00 in Japan
let catalog: Catalog;
let flow: DraftingFlow;

beforeAll(async () => {
  catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
  flow = DraftingFlow.load([DEFAULT_KNOWLEDGE_DIR], { sources: catalog.docs, clock: () => NOW });
});

/** What every channel relies on: short labels, few buttons, this flow's postbacks only. */
function checkMessages(step: DraftingStep) {
  for (const m of step.messages) {
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.choices?.length ?? 0).toBeLessThanOrEqual(13);
    for (const c of m.choices ?? []) {
      expect([...c.label].length).toBeLessThanOrEqual(20);
      expect(flow.isOwnPostback(c.id)).toBe(true);
    }
  }
}

/** An owner's chat; every turn's state goes through JSON, as it does through the session store. */
class Chat {
  state: DraftingState;
  last: DraftingStep;
  asked: string[] = [];
  constructor(
    readonly profile: OwnerProfile,
    kind?: DraftKind,
    diagnosis?: { strengths: string[]; issues: string[] },
  ) {
    this.last = this.apply(flow.start(kind, profile, diagnosis));
    this.state = this.last.state;
  }
  send(input: { text?: string; postback?: string }): DraftingStep {
    const restored = JSON.parse(JSON.stringify(this.state)) as DraftingState;
    return (this.last = this.apply(flow.handle(restored, input, this.profile)));
  }
  private apply(step: DraftingStep): DraftingStep {
    checkMessages(step);
    expect(JSON.parse(JSON.stringify(step.state))).toStrictEqual(step.state);
    this.state = JSON.parse(JSON.stringify(step.state));
    if (step.kind === 'ask' && step.state.current && this.asked.at(-1) !== step.state.current) this.asked.push(step.state.current);
    return step;
  }
  get text(): string {
    return this.last.messages.map((m) => m.text).join('\n');
  }
  get choices(): string[] {
    return this.last.messages.flatMap((m) => m.choices ?? []).map((c) => c.id);
  }
  /** Skips questions until `field` is asked. */
  skipTo(field: string): void {
    for (let i = 0; i < 60 && this.state.current !== field; i++) this.send({ postback: 'draft:skip' });
    expect(this.state.current).toBe(field);
  }
  /** Skips every remaining question; returns the finished step. */
  skipAll(): DraftingStep {
    for (let i = 0; i < 60 && this.last.kind !== 'done'; i++) this.send({ postback: 'draft:skip' });
    expect(this.last.kind).toBe('done');
    return this.last;
  }
}

const PROFILE: OwnerProfile = { companyName: '山田精工株式会社', prefecture: '愛知県', industry: '金属製品製造業', employees: 25, capitalJpy: 20_000_000 };

describe('choosing what to draft', () => {
  it('offers the four kinds when none is given', () => {
    const chat = new Chat({});
    expect(chat.last.kind).toBe('ask');
    expect(chat.choices).toEqual(DRAFT_KINDS.map((k) => `draft:kind:${k}`));
    chat.send({ postback: 'draft:kind:jizokuka' });
    expect(chat.state.kind).toBe('jizokuka');
    expect(chat.text).toContain('持続化補助金');
  });

  it.each([
    ['連携型ジギョケイを作りたい', 'jigyokei-renkei'],
    ['ジギョケイ', 'jigyokei'],
    ['ものづくり補助金の計画書', 'monozukuri'],
    ['じぞくか', 'jizokuka'],
  ])('understands 「%s」', (text, kind) => {
    const chat = new Chat({});
    chat.send({ text });
    expect(chat.state.kind).toBe(kind);
    expect(chat.last.kind).toBe('ask');
  });

  it('asks again when the text names no kind', () => {
    const chat = new Chat({});
    chat.send({ text: 'よろしく' });
    expect(chat.last.kind).toBe('invalid');
    expect(chat.text).toContain(draftingText.kindUnknown);
    expect(chat.choices).toHaveLength(4);
  });
});

describe('asking', () => {
  it('does not ask what the profile and the diagnosis already give, and says what it uses', () => {
    const chat = new Chat(PROFILE, 'monozukuri', { strengths: ['短納期に強い'], issues: ['取引先が1社に偏っている'] });
    expect(chat.text).toContain('わかっている情報は、そのまま使います：会社名 山田精工株式会社、補助事業を行う都道府県 愛知県');
    expect(chat.text).toContain('自己診断の結果');
    chat.skipAll();
    for (const id of ['companyName', 'prefecture', 'industry', 'employees', 'capitalJpy', 'strengths', 'issues']) expect(chat.asked).not.toContain(id);
    expect(chat.asked[0]).toBe('track');
    expect(chat.asked).toContain('valueAddedBase');
  });

  it('asks one question at a time with its progress, a skip and a make-it-now button', () => {
    const chat = new Chat(PROFILE, 'monozukuri');
    const total = /（全(\d+)問）/.exec(chat.text)![1];
    expect(chat.text).toContain(`質問1（全${total}問）`);
    expect(chat.choices).toEqual(['draft:opt:0', 'draft:opt:1', 'draft:skip', 'draft:finish']);
    chat.send({ postback: 'draft:opt:1' });
    expect(chat.state.answers.track).toBe('グローバル枠');
    expect(chat.text).toContain(`質問2（全${total}問）`);
  });

  it('skips by button or by word, and leaves the gap marked in the draft', () => {
    const chat = new Chat(PROFILE, 'jizokuka');
    const first = chat.state.current!;
    chat.send({ postback: 'draft:skip' });
    const second = chat.state.current!;
    expect(second).not.toBe(first);
    expect(chat.text).toContain(draftingText.skipped);
    chat.send({ text: 'わからない' });
    expect(chat.state.skipped).toEqual([first, second]);
    const done = chat.send({ text: '作成する' });
    if (done.kind !== 'done') throw new Error('expected the draft');
    expect(done.draft.missing.map((m) => m.field)).toEqual(expect.arrayContaining([first, second]));
  });

  it('makes the draft early with what it has', () => {
    const chat = new Chat(PROFILE, 'jigyokei');
    chat.send({ text: '代表取締役 山田太郎' });
    const done = chat.send({ postback: 'draft:finish' });
    if (done.kind !== 'done') throw new Error('expected the draft');
    const text = done.draft.sections.flatMap((s) => s.blocks).map((b) => JSON.stringify(b)).join('');
    expect(text).toContain('代表取締役 山田太郎');
    expect(text).toContain('山田精工株式会社');
    expect(done.draft.missing.length).toBeGreaterThan(10);
    expect(done.citations.map((c) => c.docId)).toContain('subsidies/jigyokei');
  });

  it('reads numbers as owners type them and says how it read them', () => {
    const chat = new Chat(PROFILE, 'monozukuri');
    chat.skipTo('valueAddedBase');
    chat.send({ text: 'たくさん' });
    expect(chat.last.kind).toBe('invalid');
    expect(chat.text).toContain(draftingText.hints.money);
    expect(chat.state.current).toBe('valueAddedBase');
    chat.send({ text: '３，０００万くらい' });
    expect(chat.state.answers.valueAddedBase).toBe(30_000_000);
    expect(chat.text).toContain('「3,000万円」で受け付けました。');
    chat.send({ text: '3億' });
    expect(chat.state.answers.valueAddedTarget).toBe(300_000_000);
    chat.skipTo('lowestWage');
    chat.send({ text: '１０５０' });
    expect(chat.state.answers.lowestWage).toBe(1050);
  });

  it('treats an old button as stale and asks the current question again', () => {
    const chat = new Chat(PROFILE, 'monozukuri');
    chat.send({ postback: 'draft:opt:0' });
    chat.send({ postback: 'draft:opt:1' }); // the option button of the previous question
    expect(chat.last.kind).toBe('invalid');
    expect(chat.text).toContain(draftingText.stale);
    chat.send({ postback: 'draft:kind:jigyokei' });
    expect(chat.last.kind).toBe('invalid');
    expect(chat.state.kind).toBe('monozukuri');
  });

  it.each(DRAFT_KINDS)('%s: states no figure in a question other than an example', (kind) => {
    const chat = new Chat(PROFILE, kind);
    const shown: string[] = [];
    for (let i = 0; i < 60 && chat.last.kind !== 'done'; i++) {
      shown.push(...chat.text.split('\n'));
      chat.send({ postback: 'draft:skip' });
    }
    expect(unsupportedNumbers(shown, sourceFacts([JSON.stringify(PROFILE)]), '2026-11-21')).toEqual([]);
  });

  it('ends with the draft when the last question is answered', () => {
    const chat = new Chat(PROFILE, 'jigyokei-renkei');
    const done = chat.skipAll();
    if (done.kind !== 'done') throw new Error('expected the draft');
    expect(done.draft.kind).toBe('jigyokei-renkei');
    expect(done.state.current).toBeUndefined();
  });
});

describe('delivering the draft', () => {
  function fakeFiles() {
    const stored: { ownerKey: string; name: string; mime: string; bytes: Uint8Array }[] = [];
    const files: FileStore = { put: (f) => (stored.push(f), { token: `t${stored.length}`, url: `/files/t${stored.length}` }) };
    return { files, stored };
  }

  it('stores .docx and .md for the owner and sums up what to do next', async () => {
    const chat = new Chat(PROFILE, 'jizokuka');
    chat.send({ postback: 'draft:skip' });
    const done = chat.send({ postback: 'draft:finish' });
    if (done.kind !== 'done') throw new Error('expected the draft');
    const { files, stored } = fakeFiles();
    const result = await deliverDraft(done.draft, { files, ownerKey: 'web:owner-1', now: NOW, publicUrl: 'https://tsunagu.example.jp' });
    expect(stored.map((f) => [f.ownerKey, f.name, f.mime])).toEqual([
      ['web:owner-1', 'jizokuka.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['web:owner-1', 'jizokuka.md', 'text/markdown; charset=utf-8'],
    ]);
    expect(Buffer.from(stored[0]!.bytes.slice(0, 2)).toString()).toBe('PK');
    expect(new TextDecoder().decode(stored[1]!.bytes)).toContain('# 持続化補助金');
    const reply = result.messages[0]!;
    expect(reply.files).toEqual([
      { name: 'jizokuka.docx', url: 'https://tsunagu.example.jp/files/t1', mime: stored[0]!.mime },
      { name: 'jizokuka.md', url: 'https://tsunagu.example.jp/files/t2', mime: stored[1]!.mime },
    ]);
    expect(reply.text).toContain(`【要記入】の項目が${done.draft.missing.length}件あります`);
    expect(reply.text).toContain(`・${done.draft.missing[0]!.label}`);
    expect(reply.text).toContain('次の締切：第20回 2026年12月15日 17:00');
    expect(reply.text).toMatch(/GビズIDプライム.*着手の目安 2026年12月1日/);
    for (const c of done.draft.checks) expect(reply.text).toContain(`・${c.label}：`);
    expect(result.citations).toEqual(done.draft.citations);
    // the chat summary states only figures its citations support (today's date and computed start-by dates aside)
    const facts = mergeFacts(result.citations.map((c) => sourceFacts([readFileSync(catalog.docs.get(c.docId)!.path, 'utf8')])));
    expect(unsupportedNumbers(reply.text.split('\n'), facts, '2026-11-21')).toEqual([]);
    expect(reply.text).not.toContain(draftText.missingWord + ':'); // the summary lists labels, not markers
  });
});

describe('knowledge without the cited documents', () => {
  it('offers no kind whose documents are missing, and says why', async () => {
    const fixture = await loadCatalog([FIXTURE_KNOWLEDGE]);
    const bare = DraftingFlow.load([FIXTURE_KNOWLEDGE], { sources: fixture.docs, clock: () => NOW });
    expect(bare.kinds).toEqual([]);
    expect(bare.unavailable.map((u) => u.kind)).toEqual([...DRAFT_KINDS]);
    expect(bare.unavailable[0]!.reason).toContain('no knowledge document "subsidies/jigyokei"');
    const step = bare.start('jigyokei', PROFILE);
    expect(step.messages[0]!.text).toBe(draftingText.noKinds);
  });
});
