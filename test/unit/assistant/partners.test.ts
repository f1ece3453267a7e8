import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { PartnerMatcher, type PartnerOutcome, type PartnerQuery } from '../../../src/assistant/skills/partners.ts';
import { partnerMessages } from '../../../src/assistant/skills/partners.ja.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';
import type { OwnerProfile } from '../../../src/domain/conversation.ts';
import { Partner } from '../../../src/domain/partner.ts';
import type { Prefecture } from '../../../src/domain/taxonomy.ts';
import { FIXTURE_KNOWLEDGE } from '../../helpers/fixtures.ts';

let catalog: Catalog;
let matcher: PartnerMatcher;
let prefs: Map<string, Prefecture>;
beforeAll(async () => {
  catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
  matcher = new PartnerMatcher(catalog);
  prefs = new Map(catalog.taxonomy.prefectures.map((p) => [p.name, p]));
});

/** 3 same prefecture, 2 neighbour, 1 same region, 0 elsewhere: computed here from the taxonomy, not by the matcher. */
function distanceClass(from: string, to: string): number {
  const a = prefs.get(from)!;
  const b = prefs.get(to)!;
  if (a.name === b.name) return 3;
  if (a.neighbours.includes(b.name)) return 2;
  return a.region === b.region ? 1 : 0;
}

const capsOf = (p: Partner) => new Set(p.capabilities.flatMap((c) => matcher.capabilitiesIn(c)));

/** A small in-memory registry with the real taxonomy. */
function matcherOver(rows: Record<string, unknown>[]): PartnerMatcher {
  return new PartnerMatcher({ ...catalog, partners: rows.map((r) => Partner.parse({ contact: '支援センター経由', ...r })) });
}

const aichiMolder: OwnerProfile = { prefecture: '愛知県', capabilities: ['射出成形'] };

describe('capabilitiesIn', () => {
  it('finds names and synonyms in order of appearance, longest match first', () => {
    expect(matcher.capabilitiesIn('金型→成形→めっき→組立')).toEqual(['mold-making', 'injection-molding', 'plating', 'assembly']);
    expect(matcher.capabilitiesIn('プレス金型を作れる会社')).toEqual(['press-die-making']);
    expect(matcher.capabilitiesIn('インサート成形もできます')).toEqual(['insert-molding']);
  });

  it('is tolerant of width, kana and case', () => {
    expect(matcher.capabilitiesIn('ＭＣ加工とメッキ')).toEqual(['cnc-machining', 'plating']);
    expect(matcher.capabilitiesIn('ｱﾙﾏｲﾄ処理')).toEqual(['anodizing']);
  });

  it('does not find a Latin term inside a longer word', () => {
    expect(matcher.capabilitiesIn('ACADEMY と FACTORY')).toEqual([]);
    expect(matcher.capabilitiesIn('3D CAD で設計')).toContain('cad-cam');
  });

  it('maps every capability written in the sample registry to a taxonomy id', () => {
    const cells = new Set(catalog.partners.flatMap((p) => p.capabilities));
    const unmapped = [...cells].filter((c) => matcher.capabilitiesIn(c).length === 0);
    expect(unmapped).toEqual([]);
  });
});

describe('complement', () => {
  it('gives an 愛知県 injection molder mold, plating and assembly companies nearby, naming the complement', () => {
    const { suggestions } = matcher.suggest({ mode: 'complement', profile: aichiMolder, limit: 10 });
    expect(suggestions).toHaveLength(10);
    const offered = new Set(suggestions.flatMap((s) => [...capsOf(s.partner)]));
    for (const step of ['mold-making', 'plating', 'assembly']) expect(offered).toContain(step);
    for (const s of suggestions) {
      expect(distanceClass('愛知県', s.partner.prefecture)).toBeGreaterThanOrEqual(2);
      expect(s.reasons.some((r) => /射出成形の(前|後)工程|射出成形と組み合わせやすい/.test(r))).toBe(true);
    }
    // far-away companies with the same processes exist, so nearness did the ranking
    const farMolds = catalog.partners.filter((p) => distanceClass('愛知県', p.prefecture) === 0 && capsOf(p).has('mold-making'));
    expect(farMolds.length).toBeGreaterThan(0);
  });

  it('names the step relation the right way round', () => {
    const { suggestions } = matcher.suggest({ profile: aichiMolder, limit: 20 });
    const mold = suggestions.find((s) => s.reasons.some((r) => r.includes('金型製作')))!;
    expect(mold.reasons.join()).toContain('射出成形の前工程（金型製作）');
    const plating = suggestions.find((s) => s.reasons.some((r) => r.includes('（めっき）')));
    if (plating) expect(plating.reasons.join()).toContain('射出成形の後工程（めっき）');
  });

  it('says so when a company seeks what the owner offers (fixture registry)', async () => {
    const fixture = await loadCatalog([FIXTURE_KNOWLEDGE]);
    const m = new PartnerMatcher(fixture);
    const { suggestions } = m.suggest({ profile: { prefecture: '岐阜県', capabilities: ['めっき'] } });
    const t001 = suggestions.find((s) => s.partner.id === 'T001')!;
    expect(t001.reasons[0]).toBe(partnerMessages.seeksYours('めっき外注先', 'めっき'));
    expect(t001.reasons).toContain(partnerMessages.neighbour('愛知県'));
  });

  it('ranks what the owner asks for, and free words, by the registry cells', () => {
    const { suggestions } = matcher.suggest({ profile: { prefecture: '大阪府' }, capabilities: ['anodizing'], words: ['共同受注'] });
    expect(suggestions.length).toBeGreaterThan(0);
    for (const s of suggestions) {
      const hasAnodizing = capsOf(s.partner).has('anodizing');
      const hasWord = [...s.partner.seeking, ...s.partner.offering].some((c) => c.includes('共同受注'));
      expect(hasAnodizing || hasWord).toBe(true);
      if (hasAnodizing) expect(s.reasons).toContain(partnerMessages.need('アルマイト処理'));
    }
  });

  it('puts what was asked before nearness, the nearer first among those that do it', () => {
    const m = matcherOver([
      { id: 'X', name: '近江精工', prefecture: '滋賀県', capabilities: 'バリ取り' },
      { id: 'Y', name: '京熱処理', prefecture: '京都府', capabilities: '熱処理' },
      { id: 'Z', name: '北海熱処理', prefecture: '北海道', capabilities: '熱処理' },
    ]);
    const outcome = m.suggest({ mode: 'near', profile: { prefecture: '滋賀県', capabilities: ['マシニング加工'] }, capabilities: ['heat-treatment'] });
    expect(outcome.suggestions.map((s) => s.partner.id)).toEqual(['Y', 'Z', 'X']);
    expect(outcome.suggestions[0]!.reasons[0]).toBe(partnerMessages.need('熱処理'));
    expect(m.toResult(outcome, { prefecture: '滋賀県' }).messages[0]!.text).toContain(partnerMessages.headRequest(['熱処理'], 3));
  });

  it('says which asked process no registered company does', () => {
    const m = matcherOver([{ id: 'A', name: '金型工房', prefecture: '愛知県', capabilities: '金型製作' }]);
    const outcome = m.suggest({ profile: { prefecture: '愛知県' }, capabilities: ['めっき', '金型製作'] });
    expect(outcome).toMatchObject({ requested: ['mold-making'], uncovered: ['plating'] });
    const text = m.toResult(outcome, { prefecture: '愛知県' }).messages[0]!.text;
    expect(text).toContain(partnerMessages.headRequest(['金型製作'], 1));
    expect(text).toContain(partnerMessages.uncovered(['めっき']));
  });

  it("reads the owner's own process named beside another as context, not as a need", () => {
    const m = matcherOver([
      { id: 'M1', name: '越後樹脂', prefecture: '新潟県', capabilities: '射出成形' },
      { id: 'P1', name: '燕鍍金', prefecture: '新潟県', capabilities: 'めっき' },
      { id: 'P2', name: '黒部鍍金', prefecture: '富山県', capabilities: 'めっき' },
    ]);
    const outcome = m.suggest({ mode: 'near', profile: { prefecture: '新潟県', capabilities: ['射出成形'] }, capabilities: ['injection-molding', 'plating'], words: ['成形品', 'メッキ'] });
    expect(outcome.requested).toEqual(['plating']);
    expect(outcome.suggestions.map((s) => s.partner.id)).toEqual(['P1', 'P2']);
  });

  it('does not read a piece of a named process as another process (設計 of 基板の設計)', () => {
    const outcome = matcher.suggest({ profile: { prefecture: '熊本県' }, capabilities: ['基板の設計'], words: ['プリント', '基板', '設計'] });
    expect(outcome.requested).toEqual(['pcb-design']);
    for (const s of outcome.suggestions) expect(capsOf(s.partner)).toContain('pcb-design');
  });

  it('ranks a named certification, and one the trade calls for, above distance', () => {
    const m = matcherOver([
      { id: 'H1', name: '三河熱処理', prefecture: '愛知県', capabilities: '熱処理', certifications: 'ISO 9001' },
      { id: 'H2', name: '美濃熱処理', prefecture: '岐阜県', capabilities: '熱処理', certifications: 'IATF 16949' },
      { id: 'C1', name: '大田精工', prefecture: '愛知県', capabilities: 'マシニング加工' },
      { id: 'C2', name: '豊後精機', prefecture: '大分県', capabilities: 'マシニング加工', certifications: 'ISO 13485' },
      // other trades (木工 comes before the owner's 組立): a certification counts only when few hold it
      ...Array.from({ length: 6 }, (_, i) => ({ id: `W${i}`, name: `琉球木工${i}`, prefecture: '沖縄県', capabilities: '木工' })),
    ]);
    const profile = { prefecture: '愛知県', capabilities: ['組立'] };
    const iatf = m.suggest({ mode: 'near', profile, capabilities: ['heat-treatment'], words: ['iatf', '熱処理屋'] }).suggestions;
    expect(iatf.slice(0, 2).map((s) => s.partner.id)).toEqual(['H2', 'H1']);
    expect(iatf[0]!.reasons.slice(0, 2)).toEqual([partnerMessages.need('熱処理'), partnerMessages.certified('IATF 16949')]);
    const medical = m.suggest({ profile, capabilities: ['cnc-machining'], words: ['医療機器', '部品'] }).suggestions;
    expect(medical.slice(0, 2).map((s) => s.partner.id)).toEqual(['C2', 'C1']);
    expect(medical[0]!.reasons).toContain(partnerMessages.certificationFor('医療機器', 'ISO 13485'));
    expect(medical[1]!.reasons.join()).not.toContain('ISO 13485');
    const named = m.suggest({ profile, capabilities: ['cnc-machining'], words: ['ISO13485'] }).suggestions;
    expect(named.slice(0, 2).map((s) => s.partner.id)).toEqual(['C2', 'C1']);
    expect(named[0]!.reasons).toContain(partnerMessages.certified('ISO 13485'));
  });

  it('never suggests the owner its own company', () => {
    const own = catalog.partners.find((p) => p.prefecture === '愛知県' && p.capabilities.includes('射出成形'))!;
    const { suggestions } = matcher.suggest({ profile: { ...aichiMolder, companyName: own.name }, capabilities: ['射出成形'], limit: 50 });
    expect(suggestions.map((s) => s.partner.id)).not.toContain(own.id);
  });
});

describe('near', () => {
  it('orders same prefecture, then neighbours, then the region', () => {
    const { suggestions } = matcher.suggest({ mode: 'near', profile: { prefecture: '三重県', capabilities: ['射出成形'] }, limit: 20 });
    const classes = suggestions.map((s) => distanceClass('三重県', s.partner.prefecture));
    expect(classes).toEqual([...classes].sort((a, b) => b - a));
    expect(new Set(classes).size).toBeGreaterThanOrEqual(2);
  });
});

describe('bcp_far', () => {
  it.each(['愛知県', '東京都', '新潟県'])('suggests only companies outside the hazard zones and neighbours of %s', (home) => {
    const { suggestions } = matcher.suggest({ mode: 'bcp_far', profile: { prefecture: home, capabilities: ['マシニング加工'] }, limit: 10 });
    expect(suggestions.length).toBeGreaterThan(0);
    const h = prefs.get(home)!;
    for (const s of suggestions) {
      const p = prefs.get(s.partner.prefecture)!;
      expect(p.name).not.toBe(home);
      expect(h.neighbours).not.toContain(p.name);
      expect(p.hazard_zones.filter((z) => h.hazard_zones.includes(z))).toEqual([]);
      expect(s.reasons[0]).toContain('登録データ上');
      expect(s.reasons[0]).toContain(home);
      expect(s.reasons[0]).toContain(p.name);
      // the same process, or a close one of the same kind (5軸加工), said in the reasons
      if (!s.covers!.includes('cnc-machining')) expect(s.reasons.join()).toContain('御社のマシニング加工に近い');
    }
  });

  it('names the 南海トラフ difference for an 愛知県 owner', () => {
    const { suggestions } = matcher.suggest({ mode: 'bcp_far', profile: aichiMolder });
    expect(suggestions[0]!.reasons[0]).toMatch(/愛知県は南海トラフ地震防災対策推進地域/);
  });

  it('ranks a BCP-certified company above an otherwise equal one', () => {
    const base = { prefecture: '新潟県', city: '長岡市', capabilities: '射出成形' };
    const m = matcherOver([
      { id: 'A1', name: '未認定化成', bcp_certified: 'false', ...base },
      { id: 'B1', name: '認定化成', bcp_certified: '認定済', ...base },
    ]);
    const { suggestions } = m.suggest({ mode: 'bcp_far', profile: aichiMolder });
    expect(suggestions.map((s) => s.partner.id)).toEqual(['B1', 'A1']);
    expect(suggestions[0]!.reasons).toContain(partnerMessages.bcpCertified);
  });

  it('ranks a company doing the very process above one doing a similar process, whatever its BCP standing', () => {
    const m = matcherOver([
      { id: 'S1', name: '北海五軸', prefecture: '北海道', capabilities: '5軸加工' },
      { id: 'S2', name: '北海精工', prefecture: '北海道', capabilities: 'マシニング加工', bcp_certified: '認定済', seeking: 'BCP連携先', offering: '災害時の代替生産' },
    ]);
    const { suggestions } = m.suggest({ mode: 'bcp_far', profile: { prefecture: '東京都', capabilities: ['マシニング加工', '5軸加工'] }, capabilities: ['5-axis-machining'] });
    expect(suggestions.map((s) => s.partner.id)).toEqual(['S1', 'S2']);
  });

  it.each([
    ['alternate', ['災害']],
    ['complement', ['bcp', '連携先']],
    ['near', ['代替生産']],
  ] as const)("%s: reads a request for the owner's own process in words of disaster or BCP as a backup far away", (mode, words) => {
    const profile = { prefecture: '大阪府', capabilities: ['めっき'] };
    const outcome = matcher.suggest({ mode, profile, capabilities: ['plating'], words: [...words] });
    expect(outcome.mode).toBe('bcp_far');
    expect(outcome.suggestions.length).toBeGreaterThan(0);
    const home = prefs.get('大阪府')!;
    for (const s of outcome.suggestions) expect([home.name, ...home.neighbours]).not.toContain(s.partner.prefecture);
  });

  it('keeps the mode it was given for another process, a named supplier, or no disaster words', () => {
    const profile = { prefecture: '大阪府', capabilities: ['めっき'] };
    expect(matcher.suggest({ mode: 'alternate', profile, capabilities: ['plating'] }).mode).toBe('alternate');
    expect(matcher.suggest({ mode: 'alternate', profile, capabilities: ['plating'], supplierName: '東和鍍金工業', words: ['災害'] }).mode).toBe('alternate');
    expect(matcher.suggest({ mode: 'complement', profile, capabilities: ['painting'], words: ['bcp'] }).mode).toBe('complement');
  });

  it('asks for the prefecture when it does not know where the owner is', () => {
    const outcome = matcher.suggest({ mode: 'bcp_far', profile: { capabilities: ['射出成形'] } });
    expect(outcome.missing).toBe('prefecture');
    const result = matcher.toResult(outcome, {});
    expect(result.messages[0]!.text).toBe(partnerMessages.needPrefecture);
    expect(result.refusal).toBe(true);
  });
});

describe('alternate', () => {
  it.each(['大樹製作所', '(株)大樹製作所', '㈱大樹製作所', '株式会社 大樹製作所'])('replaces a stopped supplier typed as %s', (typed) => {
    const supplier = catalog.partners.find((p) => p.name === '株式会社大樹製作所')!;
    const lost = capsOf(supplier);
    const outcome = matcher.suggest({ mode: 'alternate', profile: { prefecture: '愛知県' }, supplierName: typed });
    expect(outcome.supplier?.id).toBe(supplier.id);
    expect(outcome.suggestions.length).toBeGreaterThan(0);
    expect(outcome.suggestions.map((s) => s.partner.id)).not.toContain(supplier.id);
    for (const s of outcome.suggestions) {
      expect(s.covers!.length).toBeGreaterThan(0);
      for (const c of s.covers!) expect(lost).toContain(c);
      for (const c of s.covers!) expect(capsOf(s.partner)).toContain(c);
    }
    const first = outcome.suggestions[0]!;
    expect(new Set(first.covers)).toEqual(lost);
    expect(first.reasons[0]).toContain('すべてに対応');
  });

  it('asks which company when a partial name fits several', () => {
    const outcome = matcher.suggest({ mode: 'alternate', profile: { prefecture: '愛知県' }, supplierName: '大樹' });
    expect(outcome.supplierCandidates!.length).toBeGreaterThan(1);
    expect(outcome.supplierCandidates!.every((p) => p.name.includes('大樹'))).toBe(true);
    expect(matcher.toResult(outcome, {}).messages[0]!.text).toContain('複数');
  });

  it('says it could not find an unknown supplier, and works from the lost processes instead', () => {
    const unknown = matcher.suggest({ mode: 'alternate', profile: { prefecture: '愛知県' }, supplierName: '存在しない工業' });
    expect(unknown.missing).toBe('supplier');
    expect(matcher.toResult(unknown, {}).messages[0]!.text).toBe(partnerMessages.supplierNotFound('存在しない工業'));
    const byProcess = matcher.suggest({ mode: 'alternate', profile: { prefecture: '愛知県' }, supplierName: '存在しない工業', capabilities: ['heat-treatment'] });
    expect(byProcess.suggestions.length).toBeGreaterThan(0);
    expect(byProcess.suggestions.every((s) => s.covers!.includes('heat-treatment'))).toBe(true);
  });
});

describe('team', () => {
  const steps = ['mold-making', 'injection-molding', 'plating', 'assembly'];

  it('covers 金型 → 成形 → めっき → 組立 from the registry', () => {
    const outcome = matcher.suggest({ mode: 'team', profile: { prefecture: '愛知県' }, steps });
    expect(outcome.uncovered).toEqual([]);
    expect(outcome.steps!.map((s) => s.capability)).toEqual(steps);
    for (const step of outcome.steps!) {
      expect(step.candidates.length).toBeGreaterThanOrEqual(1);
      expect(step.candidates.length).toBeLessThanOrEqual(3);
      for (const c of step.candidates) expect(capsOf(c.partner)).toContain(step.capability);
    }
    expect(new Set(outcome.suggestions.flatMap((s) => s.covers!))).toEqual(new Set(steps));
    expect(outcome.suggestions.length).toBeLessThanOrEqual(steps.length);
  });

  const rows = (oneStopPrefecture: string) =>
    matcherOver([
      { id: 'A', name: '金型工房', prefecture: '愛知県', capabilities: '金型製作' },
      { id: 'B', name: '成形工業', prefecture: '愛知県', capabilities: '射出成形' },
      { id: 'C', name: '組立サービス', prefecture: '愛知県', capabilities: '組立' },
      { id: 'D', name: '一貫化成', prefecture: oneStopPrefecture, capabilities: '金型製作;射出成形;組立' },
      { id: 'E', name: '鍍金工業', prefecture: '愛知県', capabilities: 'めっき' },
    ]);

  it('prefers fewer companies covering more steps among equally near ones', () => {
    const outcome = rows('愛知県').suggest({ mode: 'team', profile: { prefecture: '愛知県' }, steps });
    expect(outcome.suggestions.map((s) => s.partner.id)).toEqual(['D', 'E']);
    expect(outcome.steps![0]!.candidates[0]!.partner.id).toBe('D');
    expect(rows('愛知県').toResult(outcome, {}).messages[0]!.text).toContain(partnerMessages.teamCore([partnerMessages.teamMember('一貫化成', ['金型製作', '射出成形', '組立']), partnerMessages.teamMember('鍍金工業', ['めっき'])]));
  });

  it('keeps each step with the nearest companies that do it, in process order', () => {
    const outcome = rows('岐阜県').suggest({ mode: 'team', profile: { prefecture: '愛知県' }, steps });
    expect(outcome.suggestions.map((s) => s.partner.id)).toEqual(['A', 'B', 'E', 'C']);
    expect(outcome.steps![0]!.candidates.map((c) => c.partner.id)).toEqual(['A', 'D']);
    expect(rows('岐阜県').toResult(outcome, {}).messages[0]!.text).not.toContain('少ない社数');
  });

  it('puts a process named beside an incomplete chain where the taxonomy puts it', () => {
    const outcome = matcher.suggest({ mode: 'team', profile: { prefecture: '新潟県' }, steps: ['injection-molding', 'plating'], capabilities: ['mold-making', 'injection-molding', 'plating'] });
    expect(outcome.steps!.map((s) => s.capability)).toEqual(['mold-making', 'injection-molding', 'plating']);
    for (const step of outcome.steps!) expect(step.candidates[0]!.partner.prefecture).toBe('新潟県');
  });

  it('reports a step nobody covers', () => {
    const m = matcherOver([
      { id: 'A', name: '金型工房', prefecture: '愛知県', capabilities: '金型製作;射出成形' },
      { id: 'E', name: '鍍金工業', prefecture: '愛知県', capabilities: 'めっき' },
    ]);
    const outcome = m.suggest({ mode: 'team', profile: { prefecture: '愛知県' }, steps });
    expect(outcome.uncovered).toEqual(['assembly']);
    expect(outcome.steps![3]!.candidates).toEqual([]);
    const text = m.toResult(outcome, { prefecture: '愛知県' }).messages[0]!.text;
    expect(text).toContain(partnerMessages.teamStep(4, '組立', partnerMessages.teamNobody));
    expect(text).toContain(partnerMessages.uncovered(['組立']));
  });

  it('leaves the owner its own step and derives a chain from a first step', () => {
    const outcome = matcher.suggest({ mode: 'team', profile: aichiMolder, steps: ['金型'] });
    const chain = outcome.steps!.map((s) => s.capability);
    expect(chain.slice(0, 2)).toEqual(['mold-making', 'injection-molding']);
    expect(chain.length).toBeGreaterThan(2);
    for (let i = 1; i < chain.length; i++) expect(catalog.taxonomy.capabilities.find((c) => c.id === chain[i - 1])!.next).toContain(chain[i]);
    expect(outcome.steps![1]).toMatchObject({ byOwner: true, candidates: [] });
    expect(matcher.toResult(outcome, aichiMolder).messages[0]!.text).toContain(partnerMessages.teamStep(2, '射出成形', partnerMessages.teamByOwner));
  });
});

describe('toResult', () => {
  const queries: PartnerQuery[] = [
    { mode: 'complement', profile: aichiMolder },
    { mode: 'near', profile: aichiMolder },
    { mode: 'bcp_far', profile: aichiMolder },
    { mode: 'alternate', profile: aichiMolder, supplierName: '大樹製作所' },
    { mode: 'team', profile: aichiMolder, steps: ['mold-making', 'injection-molding', 'plating', 'assembly'] },
  ];

  it.each(queries.map((q) => [q.mode, q] as const))('%s: reasons, cards, citations and partner ids agree', (_mode, query) => {
    const outcome: PartnerOutcome = matcher.suggest(query);
    expect(outcome.suggestions.length).toBeGreaterThan(0);
    for (const s of [...outcome.suggestions, ...(outcome.steps ?? []).flatMap((st) => st.candidates)]) {
      expect(s.reasons.length).toBeGreaterThan(0);
      expect(s.reasons.every((r) => r.trim().length > 0)).toBe(true);
    }
    const result = matcher.toResult(outcome, query.profile);
    expect(result.refusal).toBe(false);
    const ids = result.partners!;
    expect(ids.slice(0, outcome.suggestions.length)).toEqual(outcome.suggestions.map((s) => s.partner.id));
    expect(result.citations.map((c) => c.docId)).toEqual(ids.map((id) => `${catalog.registryDocId}#${id}`));
    const byId = new Map(catalog.partners.map((p) => [p.id, p]));
    expect(result.citations.map((c) => c.title)).toEqual(ids.map((id) => byId.get(id)!.name));
    const reply = result.messages[0]!;
    expect(reply.text).toContain(partnerMessages.contact);
    expect(reply.text).toContain(byId.get(ids[0]!)!.name);
    for (const card of reply.cards!) {
      const p = byId.get(card.actions![0]!.id.replace('partner:contact:', ''))!;
      expect(card.title).toBe(p.name);
      expect(card.subtitle).toBe(`${p.prefecture}${p.city ?? ''}`);
      expect(card.actions).toEqual([{ id: `partner:contact:${p.id}`, label: '紹介を依頼' }]);
      const contact = card.fields!.find(([k]) => k === partnerMessages.fieldContact);
      if (contact) expect(contact[1]).toBe(p.contact);
    }
    const everything = JSON.stringify(result);
    expect(everything).not.toMatch(/@|\d{2,4}-\d{2,4}-\d{3,4}|https?:/);
  });

  it('never shows a phone number or e-mail address written in the registry', () => {
    const m = matcherOver([{ id: 'Z', name: '連絡先化成', prefecture: '愛知県', capabilities: '金型製作', contact: '052-123-4567 info@example.jp' }]);
    const everything = JSON.stringify(m.toResult(m.suggest({ profile: aichiMolder }), aichiMolder));
    expect(everything).toContain('連絡先化成');
    expect(everything).not.toContain('052-123-4567');
    expect(everything).not.toContain('@');
  });

  it('says honestly when nothing matches, and what to ask instead', () => {
    const none = matcher.toResult(matcher.suggest({ profile: { prefecture: '愛知県' }, words: ['宇宙エレベーター'] }), {});
    expect(none).toMatchObject({ refusal: true, partners: [] });
    const m = matcherOver([{ id: 'A', name: '金型工房', prefecture: '愛知県', capabilities: '金型製作' }]);
    const result = m.toResult(m.suggest({ profile: { prefecture: '愛知県', capabilities: ['めっき'] } }), {});
    expect(result).toMatchObject({ refusal: true, citations: [], partners: [] });
    expect(result.messages[0]!.text).toBe([partnerMessages.noMatch, partnerMessages.noMatchHint].join('\n'));
    const empty = matcher.toResult(matcher.suggest({ profile: {} }), {});
    expect(empty.messages[0]!.text).toBe(partnerMessages.needCapabilities);
  });
});

describe('a 10 000-row registry', () => {
  it('gives the same answers as the registry it was replicated from', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ ...catalog.partners[i % catalog.partners.length]!, id: `X${String(i).padStart(5, '0')}` }));
    const big = new PartnerMatcher({ ...catalog, partners: rows });
    const best = matcher.suggest({ profile: aichiMolder, limit: 1 }).suggestions[0]!;
    const large = big.suggest({ profile: aichiMolder, limit: 3 }).suggestions;
    // every copy of the best company ties with it; ties go by id
    expect(large.map((s) => [s.partner.name, s.score])).toEqual(Array(3).fill([best.partner.name, best.score]));
    const ids = large.map((s) => s.partner.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids.every((id) => id.startsWith('X'))).toBe(true);

    const alternate = big.suggest({ mode: 'alternate', profile: { prefecture: '愛知県' }, supplierName: '大樹製作所' });
    expect(alternate.suggestions.length).toBe(5);
    expect(alternate.suggestions.some((s) => s.partner.name === '株式会社大樹製作所')).toBe(false);

    const team = big.suggest({ mode: 'team', profile: { prefecture: '愛知県' }, steps: ['mold-making', 'injection-molding', 'plating', 'assembly'] });
    expect(team.uncovered).toEqual([]);
  });
});
