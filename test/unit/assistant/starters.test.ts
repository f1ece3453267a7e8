import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { PartnerMatcher } from '../../../src/assistant/skills/partners.ts';
import { StarterPicker } from '../../../src/assistant/skills/starters.ts';
import { areaLabels, starterMessages } from '../../../src/assistant/skills/starters.ja.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';
import type { OwnerProfile } from '../../../src/domain/conversation.ts';
import { FIXTURE_KNOWLEDGE } from '../../helpers/fixtures.ts';

let catalog: Catalog;
let picker: StarterPicker;
beforeAll(async () => {
  catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
  picker = new StarterPicker(catalog);
});

const aichiMolder: OwnerProfile = { prefecture: '愛知県', capabilities: ['射出成形'] };
const starter = (id: string) => catalog.starters.find((s) => s.id === id)!;

describe('pick', () => {
  it('answers a low BCP score with a backup agreement or a joint drill', () => {
    const picks = picker.pick({ profile: aichiMolder, weakAreas: ['bcp'] });
    expect(['starters/mutual-backup-agreement', 'starters/joint-bcp-drill']).toContain(picks[0]!.starter.id);
    for (const p of picks) {
      expect(p.starter.meta.areas).toContain('bcp');
      expect(p.reasons).toContain(starterMessages.addresses(areaLabels.bcp!));
    }
    expect(picks[0]!.reasons).toContain(starterMessages.relatesToYours(['射出成形']));
  });

  it('puts small projects first when nothing else tells them apart', () => {
    // every 人手 starter has labour as its main area; they differ only in effort
    const picks = picker.pick({ profile: {}, weakAreas: ['labour'], limit: 10 });
    expect(picks.every((p) => p.starter.meta.areas[0] === 'labour')).toBe(true);
    const efforts = picks.map((p) => p.starter.meta.effort);
    expect(efforts).toContain('medium');
    expect(efforts).toEqual([...efforts].sort((a, b) => (a === b ? 0 : a === 'small' ? -1 : 1)));
  });

  it('follows the weakest area first and leaves out starters that address none', () => {
    const picks = picker.pick({ profile: {}, weakAreas: ['digital'], limit: 10 });
    expect(picks.length).toBeGreaterThan(0);
    expect(picks.every((p) => p.starter.meta.areas.includes('digital'))).toBe(true);
    const mixed = picker.pick({ profile: {}, weakAreas: ['labour', 'sdgs'], limit: 10 });
    expect(mixed[0]!.starter.meta.areas).toContain('labour');
  });

  it('finds a starter by the owner’s words', () => {
    expect(picker.pick({ profile: {}, words: ['訓練'] })[0]!.starter.id).toBe('starters/joint-bcp-drill');
  });

  it('matches words against each starter’s suits and text, not only its names', () => {
    // ベアリング is in no title, alias or tag: only in the parts-ordering starter's suits and text
    const picks = picker.pick({ profile: {}, words: ['ベアリング'] });
    expect(picks.map((p) => p.starter.id)).toEqual(['starters/joint-parts-ordering']);
    // bigrams: 測定器 still meets the starter about 三次元測定機
    expect(picker.pick({ profile: {}, words: ['三次元測定器'] })[0]!.starter.id).toBe('starters/shared-inspection-equipment');
  });

  it('reads the kanji stems of the owner’s verbs, which content words leave out', () => {
    const text = '新しい人がなかなか採れない';
    expect(picker.pick({ profile: {}, words: [], text })[0]!.starter.id).toBe('starters/joint-recruitment');
    // without the message the same owner gets the general list (small projects first)
    const general = picker.pick({ profile: {}, words: [] });
    expect(general.every((p) => p.starter.meta.effort === 'small')).toBe(true);
    expect(general.map((p) => p.starter.id)).not.toContain('starters/joint-recruitment');
    // common stems (小さく, 始め) point nowhere: a vague request still gets the general list
    expect(picker.pick({ profile: {}, words: [], text: '小さく始められることってある？' })).toEqual(general);
  });

  it('names the starter’s own label the owner’s word was found in', () => {
    const [first] = picker.pick({ profile: {}, words: ['sdgs'] });
    expect(first!.starter.id).toBe('starters/joint-sdgs-declaration');
    expect(first!.reasons).toContain(starterMessages.mentions('SDGs'));
  });

  it('lets what the owner says outrank the weak areas of an earlier diagnosis', () => {
    const picks = picker.pick({ profile: {}, words: ['ベアリング'], weakAreas: ['bcp'] });
    expect(picks[0]!.starter.id).toBe('starters/joint-parts-ordering');
    expect(picks.slice(1).every((p) => p.starter.meta.areas.includes('bcp'))).toBe(true);
  });

  it('ranks up starters that use the suggested partners’ processes', () => {
    // 共同利用 and 不良低減会議 both have quality as their main area; only the first uses 三次元測定
    const meeting = starter('starters/process-quality-meeting').meta.capabilities;
    const matcher = new PartnerMatcher(catalog);
    const partners = catalog.partners
      .filter((p) => p.capabilities.includes('三次元測定'))
      .filter((p) => !p.capabilities.some((c) => matcher.capabilitiesIn(c).some((id) => meeting.includes(id))))
      .slice(0, 2);
    expect(partners.length).toBeGreaterThan(0);
    const rank = (list: ReturnType<StarterPicker['pick']>) => list.findIndex((p) => p.starter.id === 'starters/shared-inspection-equipment');
    const without = picker.pick({ profile: {}, weakAreas: ['quality'], limit: 10 });
    const withPartners = picker.pick({ profile: {}, weakAreas: ['quality'], partners, limit: 10 });
    expect(rank(withPartners)).toBeLessThan(rank(without));
    expect(withPartners[rank(withPartners)]!.reasons).toContain(starterMessages.relatesToPartners(['三次元測定']));
  });
});

describe('toResult', () => {
  it('lists the picks with reasons, a plan button each and a citation each', () => {
    const picks = picker.pick({ profile: aichiMolder, weakAreas: ['bcp'] });
    const result = picker.toResult(picks);
    const reply = result.messages[0]!;
    for (const p of picks) expect(reply.text).toContain(p.starter.title);
    expect(reply.choices!.map((c) => c.id)).toEqual(picks.map((p) => `starter:plan:${p.starter.id}`));
    expect(reply.choices!.every((c) => Array.from(c.label).length <= 20)).toBe(true);
    expect(result.citations.map((c) => c.docId)).toEqual(picks.map((p) => p.starter.id));
    expect(result.citations.every((c, i) => c.quote === picks[i]!.starter.meta.goal)).toBe(true);
  });

  it('says so when no starter fits', () => {
    // a stray katakana bigram (ータ) or a common stem (作) is not a match
    expect(picker.pick({ profile: {}, words: ['宇宙エレベーター'], text: '宇宙エレベーターを作りたい' })).toEqual([]);
    const result = picker.toResult(picker.pick({ profile: {}, words: ['宇宙エレベーター'] }));
    expect(result).toMatchObject({ refusal: true, citations: [] });
    expect(result.messages[0]!.text).toBe(starterMessages.none);
  });
});

describe('plan', () => {
  it('gives goal, three steps, partner kinds, related programs, risks, effort and duration from the document', () => {
    const s = starter('starters/mutual-backup-agreement');
    const text = picker.plan(s).text;
    expect(text).toContain(s.meta.goal);
    s.meta.first_steps.forEach((step, i) => expect(text).toContain(`${i + 1}. ${step}`));
    expect(s.meta.first_steps).toHaveLength(3);
    for (const kind of s.meta.partners_needed) expect(text).toContain(kind);
    for (const risk of s.meta.risks) expect(text).toContain(risk);
    for (const law of ['独占禁止法', '下請法', '情報の取り扱い']) expect(text).toContain(law);
    expect(text).toContain(catalog.docs.get(s.meta.related[0]!)!.title);
    expect(text).toContain(s.meta.duration);
    // every figure in the plan is the step numbering or comes from the starter document
    const source = JSON.stringify(s.meta);
    for (const n of text.replace(/^\d\. /gm, '').replace('最初の3ステップ', '').match(/\d+/g) ?? []) expect(source).toContain(n);
  });

  it('names suggested companies with why, and cites starter, related programs and companies', () => {
    const s = starter('starters/mutual-backup-agreement');
    const far = new PartnerMatcher(catalog).suggest({ mode: 'bcp_far', profile: aichiMolder, limit: 2 }).suggestions;
    const result = picker.planResult(s, far);
    const text = result.messages[0]!.text;
    for (const f of far) {
      expect(text).toContain(f.partner.name);
      expect(text).toContain(f.reasons[0]!);
    }
    expect(text).toContain(starterMessages.partnerContact);
    const ids = result.citations.map((c) => c.docId);
    expect(ids[0]).toBe(s.id);
    for (const rel of s.meta.related.slice(0, 3)) expect(ids).toContain(rel);
    for (const f of far) expect(ids).toContain(`${catalog.registryDocId}#${f.partner.id}`);
    expect(result.partners).toEqual(far.map((f) => f.partner.id));
    expect(result.subsidies).toContain('subsidies/jigyokei-renkei');
    expect(result.subsidies).not.toContain('bcp/renkei-patterns');
  });
});

describe('the fixture knowledge root', () => {
  it('picks the tool co-purchase for a cost weakness and plans it from its front matter', async () => {
    const fixture = await loadCatalog([FIXTURE_KNOWLEDGE]);
    const p = new StarterPicker(fixture);
    const picks = p.pick({ profile: {}, weakAreas: ['cost'] });
    expect(picks.map((x) => x.starter.id)).toEqual(['starters/kyodo-kounyu']);
    const partners = fixture.partners.filter((x) => x.id === 'T001');
    const result = p.planResult(picks[0]!.starter, partners);
    const text = result.messages[0]!.text;
    expect(text).toContain('1. よく使う工具を書き出す');
    expect(text).toContain('3. まとめて見積もりを取る');
    expect(text).toContain('価格の情報交換は独占禁止法に注意');
    expect(text).toContain('テスト精工株式会社（愛知県豊田市）');
    expect(result.citations.map((c) => c.docId)).toEqual(['starters/kyodo-kounyu', `${fixture.registryDocId}#T001`]);
  });
});
