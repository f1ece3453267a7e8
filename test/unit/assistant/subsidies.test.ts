import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { messages } from '../../../src/assistant/messages.ja.ts';
import { SubsidyMatcher, type ProgramMatch } from '../../../src/assistant/skills/subsidies.ts';
import { subsidyMessages } from '../../../src/assistant/skills/subsidies.ja.ts';
import type { Citation, OwnerProfile, Reply } from '../../../src/domain/conversation.ts';
import { SubsidyFrontMatter } from '../../../src/domain/knowledge.ts';
import { FIXTURE_KNOWLEDGE } from '../../helpers/fixtures.ts';

const REAL_KNOWLEDGE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../knowledge');
/** Saturday 2026-11-21, 10:00 in Japan. */
const NOV_21 = '2026-11-21T01:00:00Z';

let catalog: Catalog;
beforeAll(async () => {
  // the real knowledge base plus the fictional kikai-donyu program (rounds closing 2026-05-29 and 2026-12-18)
  catalog = await loadCatalog([REAL_KNOWLEDGE, FIXTURE_KNOWLEDGE]);
  expect(catalog.problems).toEqual([]);
});

const matcherAt = (iso: string) => new SubsidyMatcher(catalog, () => new Date(iso));
const find = (matches: ProgramMatch[], docId: string) => {
  const x = matches.find((m) => m.docId === docId);
  if (!x) throw new Error(`${docId} not matched`);
  return x;
};

const METAL_25: OwnerProfile = { prefecture: '愛知県', industry: '金属製品製造業', employees: 25 };
const METAL_10: OwnerProfile = { prefecture: '愛知県', industry: '金属製品製造業', employees: 10 };

/** Every piece of text a reply shows: the text and each card field, one string per line. */
function shownLines(reply: Reply): string[] {
  const cards = (reply.cards ?? []).flatMap((c) => [c.title, c.subtitle ?? '', ...(c.fields ?? []).map(([k, v]) => `${k} ${v}`)]);
  return [...reply.text.split('\n'), ...cards.flatMap((c) => c.split('\n'))];
}

/**
 * Amounts, rates, dates, head counts and day counts in the shown text that appear in none of
 * the cited documents' raw files (front matter or body). Values computed from a cited deadline
 * are allowed only on lines that say so.
 */
function unsupportedNumbers(reply: Reply, citations: Citation[]): string[] {
  const raw = citations.map((c) => readFileSync(catalog.docs.get(c.docId)!.path, 'utf8')).join('\n');
  const inRaw = (s: string) => raw.includes(s);
  const yamlNumber = (keys: string, n: string | number) => new RegExp(`(?:${keys}):\\s*"?${n}(?!\\d)`).test(raw);
  const bare = (n: number) => new RegExp(`(?<![\\d,])${n}(?![\\d,])`).test(raw);
  const kinds: [RegExp, (m: RegExpMatchArray) => boolean][] = [
    [/(\d{4})年(\d{1,2})月(\d{1,2})日(?: (\d{2}:\d{2}))?/g, (m) => {
      const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}${m[4] ? ` ${m[4]}` : ''}`;
      return inRaw(m[0]) || inRaw(iso);
    }],
    [/(?:(\d[\d,]*)億)?(?:(\d[\d,]*)万)?(\d[\d,]*)?円/g, (m) => {
      const value = Number((m[1] ?? '0').replace(/,/g, '')) * 1e8 + Number((m[2] ?? '0').replace(/,/g, '')) * 1e4 + Number((m[3] ?? '0').replace(/,/g, ''));
      return inRaw(m[0]) || bare(value);
    }],
    [/\d+\/\d+/g, (m) => inRaw(m[0])],
    [/(\d+)〜(\d+)人/g, (m) => inRaw(m[0]) || (yamlNumber('employees_min', m[1]!) && yamlNumber('employees_max', m[2]!))],
    [/(\d+)人(以上|以下)?/g, (m) => inRaw(m[0]) || yamlNumber(m[2] === '以上' ? 'employees_min|min_employees' : 'employees_max|max_employees', m[1]!)],
    [/(\d+)日/g, (m) => inRaw(m[0]) || yamlNumber('lead_days', m[1]!)],
    [/\d[\d,.]*%?/g, (m) => inRaw(m[0])],
  ];
  const bad: string[] = [];
  for (let line of shownLines(reply)) {
    if (line.includes(subsidyMessages.computedLabel)) {
      line = line.replace(/あと\d+営業日/g, '').replace(/着手の目安 \d{4}年\d{1,2}月\d{1,2}日/g, '');
    }
    for (const [pattern, ok] of kinds) {
      for (const m of line.matchAll(pattern)) if (!ok(m)) bad.push(m[0]);
      line = line.replace(pattern, ' ');
    }
  }
  return bad;
}

describe('SubsidyMatcher.match (real knowledge, 2026-11-21)', () => {
  it('a 25-employee metal manufacturer is eligible as an SME, with the cap of its employee band', () => {
    const matches = matcherAt(NOV_21).match(METAL_25);
    const catalogType = find(matches, 'subsidies/shoryokuka-catalog');
    expect(catalogType.verdict).toBe('eligible');
    expect(catalogType.reasonsFor).toContainEqual(expect.objectContaining({ field: 'employees', source: 'subsidies/sme-definition', text: expect.stringContaining('300人以下') }));
    expect(catalogType.caps.map((c) => c.amount)).toEqual([10_000_000]); // band 21〜, not 5人以下 or 6〜20人
    expect(find(matches, 'subsidies/shoryokuka-ippan').caps.map((c) => c.amount)).toEqual([30_000_000]); // band 21〜50
    // one cap per track: 高付加価値化枠 21〜50人 and グローバル枠
    expect(find(matches, 'subsidies/monozukuri').caps.map((c) => [c.track, c.amount])).toEqual([
      ['製品・サービス高付加価値化枠', 15_000_000],
      ['グローバル枠', 30_000_000],
    ]);
  });

  it('持続化補助金 is not for 25 employees (小規模事業者: 製造業その他 ≤ 20), and says why', () => {
    const x = find(matcherAt(NOV_21).match(METAL_25), 'subsidies/jizokuka-ippan');
    expect(x.verdict).toBe('not_eligible');
    expect(x.reasonsAgainst).toContainEqual(expect.objectContaining({ field: 'small_business', source: 'subsidies/sme-definition', text: expect.stringContaining('20人以下') }));
  });

  it('a 10-employee manufacturer gets 持続化補助金, open now, with business days left and the 小規模 rate', () => {
    const x = find(matcherAt(NOV_21).match(METAL_10), 'subsidies/jizokuka-ippan');
    expect(x.verdict).toBe('eligible');
    expect(x.reasonsFor).toContainEqual(expect.objectContaining({ field: 'small_business' }));
    expect(x.availability).toMatchObject({ kind: 'open', closes: '2026-12-15 17:00', businessDaysLeft: 16, round: { name: '第20回' } });
    expect(x.rates[0]).toMatchObject({ rate: '2/3' });
    // monozukuri lists the 小規模 rate first for a small company, and drops it for a larger one
    expect(find(matcherAt(NOV_21).match(METAL_10), 'subsidies/monozukuri').rates[0]!.applies_to).toContain('小規模');
    expect(find(matcherAt(NOV_21).match(METAL_25), 'subsidies/monozukuri').rates.some((r) => r.applies_to.includes('小規模'))).toBe(false);
  });

  it('plans prerequisites back from the deadline and flags the ones already too late', () => {
    const x = find(matcherAt(NOV_21).match(METAL_10), 'subsidies/jizokuka-ippan');
    const plan = (name: string) => {
      const p = x.prerequisites.find((q) => q.name.startsWith(name));
      return [p?.startBy, p?.timing];
    };
    expect(plan('GビズIDプライム')).toEqual(['2026-12-01', 'in_time']); // 14 days before 12/15
    expect(plan('様式4')).toEqual(['2026-12-04', 'in_time']); // 11 days: the 様式4 cut-off the doc names
    expect(plan('事業継続力強化計画')).toEqual(['2026-10-30', 'late']); // 45 days → Sat 10/31 → Fri 10/30
    expect(plan('経営力向上計画')).toEqual(['2026-11-13', 'late']); // 30 days → Sun 11/15 → Fri 11/13
  });

  it('a 事業継続力強化計画 already certified is not planned again', () => {
    const x = find(matcherAt(NOV_21).match({ ...METAL_10, bcpCertified: true }), 'subsidies/jizokuka-ippan');
    expect(x.prerequisites.find((p) => p.name === '事業継続力強化計画')?.timing).toBe('done');
  });

  it('a replaced program says so and points to its successor', () => {
    const x = find(matcherAt(NOV_21).match(METAL_25), 'subsidies/monozukuri');
    expect(x.verdict).toBe('not_eligible');
    expect(x.availability).toMatchObject({ kind: 'replaced', successor: { docId: 'subsidies/shinjigyo-monozukuri' } });
    expect(x.reasonsAgainst).toEqual([expect.objectContaining({ field: 'status', text: expect.stringContaining('新事業進出・ものづくり商業サービス補助金') })]);
  });

  it('programs for support organisations or consortia are not offered to one company', () => {
    const matches = matcherAt(NOV_21).match(METAL_25);
    for (const id of ['subsidies/jizokuka-kyodo', 'subsidies/go-tech']) {
      const x = find(matches, id);
      expect(x.verdict).toBe('not_eligible');
      expect(x.reasonsAgainst[0]).toMatchObject({ field: 'applicant', text: expect.stringContaining('1社だけでは申請できません') });
    }
    const result = matcherAt(NOV_21).toResult(matches, METAL_25);
    expect(result.subsidies).not.toContain('subsidies/go-tech');
    expect(result.subsidies).not.toContain('subsidies/jizokuka-kyodo');
  });

  it('ranks eligible before unknown before not eligible, open programs first', () => {
    const matches = matcherAt(NOV_21).match(METAL_25);
    const rank = { eligible: 0, unknown: 1, not_eligible: 2 };
    expect(matches.map((m) => rank[m.verdict])).toEqual([...matches.map((m) => rank[m.verdict])].sort());
    expect(matches[0]!.verdict).toBe('eligible');
    expect(matches[0]!.availability.kind).toBe('open');
    // 成長加速化補助金 has a revenue condition the profile cannot answer
    expect(find(matches, 'subsidies/seicho-kasoku')).toMatchObject({ verdict: 'unknown', undetermined: [expect.objectContaining({ field: 'revenue', text: expect.stringContaining('10億円以上100億円未満') })] });
  });

  it("puts programs matching the owner's purpose first; words every program shares change nothing", () => {
    const matcher = matcherAt(NOV_21);
    const plain = matcher.match(METAL_25).map((m) => m.docId);
    expect(plain[0]).not.toMatch(/shoryokuka/);
    const ids = matcher.match(METAL_25, { purpose: ['省力化'] }).map((m) => m.docId);
    expect(ids.slice(0, 2).sort()).toEqual(['subsidies/shoryokuka-catalog', 'subsidies/shoryokuka-ippan']);
    expect(matcher.match(METAL_25, { purpose: ['補助金', '製造業'] }).map((m) => m.docId)).toEqual(plain);
    const equipment = matcher.match(METAL_25, { purpose: ['設備投資'] }).filter((m) => m.verdict === 'eligible');
    expect(equipment.slice(0, 4).every((m) => m.doc.meta.tags.includes('設備投資'))).toBe(true);
    expect(matcher.match(METAL_25, { purpose: ['IT'] })[0]!.docId).toBe('subsidies/digital-ai');
  });

  it('restricts to the programs asked for', () => {
    const ids = matcherAt(NOV_21).match(METAL_25, { programs: ['subsidies/monozukuri', 'subsidies/jizokuka-ippan'] }).map((m) => m.docId);
    expect(ids.sort()).toEqual(['subsidies/jizokuka-ippan', 'subsidies/monozukuri']);
  });

  it('without employees: every cap, an unknown verdict, and what is missing', () => {
    const x = find(matcherAt(NOV_21).match({ industry: '製造業' }), 'subsidies/monozukuri');
    expect(x.caps).toHaveLength(5);
    const y = find(matcherAt(NOV_21).match({ industry: '製造業' }), 'subsidies/jizokuka-ippan');
    expect(y.verdict).toBe('unknown');
    expect(y.missing).toContain('employees');
    const z = find(matcherAt(NOV_21).match({ employees: 10 }), 'subsidies/shoryokuka-catalog');
    expect(z).toMatchObject({ verdict: 'unknown', missing: ['industry'] });
    expect(z.caps.map((c) => c.amount)).toEqual([7_500_000]); // employees alone still pick the band
  });
});

describe('industry lists in eligible', () => {
  it('checks allowed and excluded industries, and asks when the industry is unknown', () => {
    const base = catalog.subsidies.find((d) => d.id === 'subsidies/kikai-donyu')!;
    const meta = SubsidyFrontMatter.parse({ ...base.meta, eligible: { industries: ['製造業'], excluded_industries: ['食料品製造業'] } });
    const only: Catalog = { ...catalog, subsidies: [{ ...base, meta }] };
    const judge = (profile: OwnerProfile) => new SubsidyMatcher(only, () => new Date(NOV_21)).match(profile)[0]!;
    expect(judge({ industry: '金属製品製造業', employees: 25 })).toMatchObject({ verdict: 'eligible', reasonsFor: expect.arrayContaining([expect.objectContaining({ field: 'industry' })]) });
    expect(judge({ industry: '食料品製造業', employees: 25 })).toMatchObject({ verdict: 'not_eligible', reasonsAgainst: [expect.objectContaining({ field: 'industry', text: expect.stringContaining('対象外の業種') })] });
    expect(judge({ industry: '小売業', employees: 25 }).reasonsAgainst).toEqual([expect.objectContaining({ field: 'industry', text: expect.stringContaining('製造業') })]);
    expect(judge({ employees: 25 })).toMatchObject({ verdict: 'unknown', missing: ['industry'] });
  });
});

describe('rounds as the clock moves (fixture kikai-donyu)', () => {
  const kikai = (iso: string) => matcherAt(iso).match(METAL_25, { programs: ['subsidies/kikai-donyu'] })[0]!;

  it('is open in its first round in May', () => {
    expect(kikai('2026-05-01T01:00:00Z').availability).toMatchObject({ kind: 'open', closes: '2026-05-29 17:00', round: { name: '第1回' } });
  });

  it('is upcoming between rounds, with the next opening date', () => {
    const x = kikai('2026-06-15T01:00:00Z');
    expect(x.availability).toMatchObject({ kind: 'upcoming', opens: '2026-11-02', closes: '2026-12-18 17:00' });
    expect(x.prerequisites[0]).toMatchObject({ startBy: '2026-12-04', timing: 'in_time' }); // planned against the coming deadline
  });

  it('is open in its second round in November', () => {
    expect(kikai(NOV_21).availability).toMatchObject({ kind: 'open', closes: '2026-12-18 17:00', round: { name: '第2回' } });
  });

  it('on the closing day: open at 10:00 JST (0 business days left), closed at 18:00 JST', () => {
    expect(kikai('2026-12-18T01:00:00Z').availability).toMatchObject({ kind: 'open', businessDaysLeft: 0 });
    const after = kikai('2026-12-18T09:00:00Z');
    expect(after.availability).toMatchObject({ kind: 'none', lastClosed: { name: '第2回' } });
    expect(after.prerequisites[0]!.timing).toBe('no_deadline');
  });

  it('flags GビズID as late once its start-by (12/4) has passed', () => {
    expect(kikai('2026-12-10T01:00:00Z').prerequisites[0]).toMatchObject({ name: 'GビズIDプライム', startBy: '2026-12-04', timing: 'late' });
  });

  it('says 本日締切 on the closing day rather than counting zero', () => {
    const matcher = matcherAt('2026-12-18T01:00:00Z');
    const result = matcher.toResult(matcher.match(METAL_25, { programs: ['subsidies/kikai-donyu'] }), METAL_25);
    expect(result.messages[0]!.text).toContain(subsidyMessages.dueToday);
    expect(result.messages[0]!.text).not.toMatch(/あと0営業日/);
  });
});

describe('SubsidyMatcher.toResult', () => {
  const render = (profile: OwnerProfile, iso = NOV_21) => {
    const matcher = matcherAt(iso);
    return { matches: matcher.match(profile), result: matcher.toResult(matcher.match(profile), profile) };
  };

  it('summarises the top programs with cap, rate, deadline, business days and the first step', () => {
    const { result } = render(METAL_10);
    const text = result.messages[0]!.text;
    expect(text).toContain('■ 持続化補助金');
    expect(text).toContain('50万円（通常枠）');
    expect(text).toContain('2/3');
    expect(text).toContain('2026年12月15日 17:00');
    expect(text).toContain(`あと16営業日（${subsidyMessages.computedLabel}）`);
    expect(text).toContain(`着手の目安 2026年12月1日（${subsidyMessages.computedLabel}）`);
    expect(text.trimEnd().endsWith(messages.figuresChange)).toBe(true);
  });

  it('gives one card per recommended program and follow-up choices in the subsidy:<action>:<docId> form', () => {
    const { matches, result } = render(METAL_25);
    const reply = result.messages[0]!;
    const recommended = matches.filter((m) => m.verdict !== 'not_eligible');
    expect(result.subsidies).toEqual(recommended.slice(0, reply.cards!.length).map((m) => m.docId));
    expect(reply.cards!.map((c) => c.title)).toContain('省力化投資補助金 カタログ注文型');
    const card = reply.cards!.find((c) => c.title === '省力化投資補助金 カタログ注文型')!;
    expect(card.fields).toContainEqual(['上限額', expect.stringContaining('1,000万円')]);
    expect(card.fields).toContainEqual(['補助率', expect.stringContaining('1/2以内')]);
    for (const c of reply.choices!) expect(c.id).toMatch(/^subsidy:detail:subsidies\/[a-z-]+$/);
    expect(reply.choices).toContainEqual({ id: 'subsidy:detail:subsidies/jizokuka-ippan', label: '持続化補助金が対象外の理由' });
  });

  it('cites one source per program shown, with its URL, plus the SME definition it applied', () => {
    const { result } = render(METAL_25);
    const ids = result.citations.map((c) => c.docId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of result.subsidies!) expect(ids).toContain(id);
    expect(ids).toContain('subsidies/sme-definition');
    for (const c of result.citations) expect(c.url).toBe(catalog.docs.get(c.docId)!.sourceUrl);
    expect(result.citations.find((c) => c.docId === 'subsidies/shoryokuka-catalog')!.quote).toContain('1,000万円');
    expect(result.citations.find((c) => c.docId === 'subsidies/sme-definition')!.quote).toContain('300人以下');
  });

  it('explains the excluded open program in the summary', () => {
    const text = render(METAL_25).result.messages[0]!.text;
    expect(text).toContain('持続化補助金は対象外');
    expect(text).toContain('20人以下');
  });

  it('every number it prints comes from a cited document (computed ones are labelled)', () => {
    for (const profile of [METAL_25, METAL_10, { industry: '製造業' }, {}]) {
      for (const iso of [NOV_21, '2026-06-15T01:00:00Z', '2026-12-18T09:00:00Z']) {
        const { result } = render(profile, iso);
        expect(unsupportedNumbers(result.messages[0]!, result.citations), `${JSON.stringify(profile)} ${iso}`).toEqual([]);
      }
    }
  });

  it('labels every computed value', () => {
    const text = render(METAL_10).result.messages[0]!.text;
    const computedLines = text.split('\n').filter((l) => /あと\d+営業日|着手の目安/.test(l));
    expect(computedLines.length).toBeGreaterThan(0);
    for (const l of computedLines) expect(l).toContain(subsidyMessages.computedLabel);
  });

  it('the number check catches a figure no cited document holds', () => {
    const { result } = render(METAL_25);
    const forged = { ...result.messages[0]!, text: `${result.messages[0]!.text}\n上限 999万円、補助率 7/8、2031年4月1日締切` };
    expect(unsupportedNumbers(forged, result.citations)).toEqual(['2031年4月1日', '999万円', '7/8']);
  });

  it('asks for what would sharpen the match and still shows programs', () => {
    const { result } = render({});
    const text = result.messages[0]!.text;
    expect(text).toContain(subsidyMessages.sharpen(['業種', '常時使用する従業員の数']));
    expect(result.subsidies!.length).toBeGreaterThan(0);
    expect(text).toContain(subsidyMessages.headUnknown);
  });

  it('says so when nothing fits', () => {
    const matcher = matcherAt(NOV_21);
    const profile = { industry: '製造業', employees: 400, capitalJpy: 1_000_000_000 };
    const result = matcher.toResult(matcher.match(profile), profile);
    expect(result.subsidies).toEqual([]);
    expect(result.messages[0]!.text).toContain(subsidyMessages.none);
    expect(result.messages[0]!.text).toContain(messages.figuresChange);
  });
});

describe('SubsidyMatcher.explainEligibility', () => {
  it('持続化補助金 for 25 employees: not eligible, the reason, cited with the SME definition', () => {
    const result = matcherAt(NOV_21).explainEligibility('subsidies/jizokuka-ippan', METAL_25);
    const text = result.messages[0]!.text;
    expect(text).toContain(`判定：${subsidyMessages.verdict.not_eligible}`);
    expect(text).toContain('小規模事業者だけが対象です');
    expect(text).toContain(subsidyMessages.notCounted); // a head-count verdict says officers are not counted
    expect(result.citations.map((c) => c.docId)).toEqual(['subsidies/jizokuka-ippan', 'subsidies/sme-definition']);
    expect(unsupportedNumbers(result.messages[0]!, result.citations)).toEqual([]);
  });

  it('for 10 employees: eligible, with the preparation plan and the late ones flagged', () => {
    const result = matcherAt(NOV_21).explainEligibility('subsidies/jizokuka-ippan', METAL_10);
    const text = result.messages[0]!.text;
    expect(text).toContain(`判定：${subsidyMessages.verdict.eligible}`);
    expect(text).toMatch(/様式4（事業支援計画書）：着手の目安 2026年12月4日/);
    expect(text).toMatch(/事業継続力強化計画（加点）：着手の目安 2026年10月30日.*間に合わない可能性があります/);
    expect(unsupportedNumbers(result.messages[0]!, result.citations)).toEqual([]);
  });

  it('judges a revenue floor from the revenue the owner gave, and asks for it otherwise', () => {
    const below = matcherAt(NOV_21).explainEligibility('subsidies/seicho-kasoku', { ...METAL_25, revenueJpy: 500_000_000 });
    expect(below.messages[0]!.text).toContain(`判定：${subsidyMessages.verdict.not_eligible}`);
    expect(below.messages[0]!.text).toContain('お聞きした売上高：5億円');
    const within = matcherAt(NOV_21).explainEligibility('subsidies/seicho-kasoku', { ...METAL_25, revenueJpy: 4_000_000_000 });
    expect(within.messages[0]!.text).toContain('を満たしています（お聞きした売上高：40億円）');
    const unknown = matcherAt(NOV_21).explainEligibility('subsidies/seicho-kasoku', METAL_25);
    expect(unknown.messages[0]!.text).toContain('売上高の条件（10億円以上100億円未満）があります');
  });

  it('a replaced program points to its successor', () => {
    const result = matcherAt(NOV_21).explainEligibility('subsidies/monozukuri', METAL_25);
    expect(result.messages[0]!.text).toContain('後継の「新事業進出・ものづくり商業サービス補助金」');
    expect(result.messages[0]!.choices).toEqual([{ id: 'subsidy:detail:subsidies/shinjigyo-monozukuri', label: expect.stringContaining('新事業進出') }]);
    expect(unsupportedNumbers(result.messages[0]!, result.citations)).toEqual([]);
  });

  it('a consortium program explains that one company cannot apply alone', () => {
    const text = matcherAt(NOV_21).explainEligibility('subsidies/go-tech', METAL_25).messages[0]!.text;
    expect(text).toContain('1社だけでは申請できません');
    expect(text).toContain('2者以上の共同体');
  });

  it('every number in any program\'s explanation comes from its cited documents', () => {
    for (const doc of catalog.subsidies) {
      for (const profile of [METAL_25, METAL_10, {}]) {
        const result = matcherAt(NOV_21).explainEligibility(doc.id, profile);
        expect(unsupportedNumbers(result.messages[0]!, result.citations), `${doc.id} ${JSON.stringify(profile)}`).toEqual([]);
      }
    }
  });

  it('an unknown program is a refusal, not a guess', () => {
    expect(matcherAt(NOV_21).explainEligibility('subsidies/nothing-here', METAL_25)).toMatchObject({ refusal: true, citations: [] });
  });
});
