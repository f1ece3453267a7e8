// Who is a 中小企業者 and who a 小規模事業者, by industry, capital and employees. The thresholds
// are those of knowledge/subsidies/sme-definition.md (中小企業基本法 and the 政令 special
// industries it lists); whoever applies them cites that document. A fact the profile lacks
// makes the answer "unknown", naming what is missing; nothing is guessed.
import type { OwnerProfile } from './conversation.ts';

/** The knowledge document these thresholds come from. */
export const SME_DEFINITION_DOC = 'subsidies/sme-definition';

export type IndustryGroupId =
  | 'manufacturing_other'
  | 'wholesale'
  | 'service'
  | 'retail'
  | 'rubber'
  | 'software'
  | 'ryokan'
  | 'lodging_amusement';

export type IndustryGroup = {
  id: IndustryGroupId;
  /** The group as the definition names it. */
  label: string;
  capitalMaxJpy: number;
  employeesMax: number;
  /** 小規模事業者: employees at most this; absent when the definition gives no figure for the group. */
  smallEmployeesMax?: number;
  /** Whether an industry string (NFKC-normalised) belongs to the group. */
  matches: (industry: string) => boolean;
};

const has = (pattern: RegExp) => (industry: string) => pattern.test(industry);

/**
 * Checked in order: the special industries before the broad groups they would otherwise fall
 * into (情報処理サービス業 is not サービス業 here, ゴム製品製造業 not 製造業その他).
 */
export const INDUSTRY_GROUPS: readonly IndustryGroup[] = [
  {
    id: 'rubber',
    label: 'ゴム製品製造業（自動車・航空機用のタイヤとチューブ、工業用ベルトの製造業を除く）',
    capitalMaxJpy: 300_000_000,
    employeesMax: 900,
    smallEmployeesMax: 20, // a manufacturing industry: 製造業その他
    matches: (s) => /ゴム/.test(s) && !/タイヤ|チューブ|ベルト/.test(s),
  },
  { id: 'software', label: 'ソフトウェア業・情報処理サービス業', capitalMaxJpy: 300_000_000, employeesMax: 300, matches: has(/ソフトウェア|情報処理/) },
  { id: 'ryokan', label: '旅館業', capitalMaxJpy: 50_000_000, employeesMax: 200, smallEmployeesMax: 20, matches: has(/旅館/) },
  { id: 'lodging_amusement', label: '宿泊業・娯楽業', capitalMaxJpy: 50_000_000, employeesMax: 100, smallEmployeesMax: 20, matches: has(/宿泊|ホテル|娯楽/) },
  { id: 'wholesale', label: '卸売業', capitalMaxJpy: 100_000_000, employeesMax: 100, smallEmployeesMax: 5, matches: has(/卸/) },
  { id: 'retail', label: '小売業', capitalMaxJpy: 50_000_000, employeesMax: 50, smallEmployeesMax: 5, matches: has(/小売/) },
  { id: 'service', label: 'サービス業', capitalMaxJpy: 50_000_000, employeesMax: 100, smallEmployeesMax: 5, matches: has(/サービス/) },
  {
    id: 'manufacturing_other',
    label: '製造業その他',
    capitalMaxJpy: 300_000_000,
    employeesMax: 300,
    smallEmployeesMax: 20,
    matches: has(/製造|製作|工業|加工|鋳造|鍛造|めっき|メッキ|塗装|板金|溶接|成形|金型|建設|工事|運輸|運送|物流/),
  },
];

export type ProfileFact = 'industry' | 'employees' | 'capital';
export type Answer = 'yes' | 'no' | 'unknown';

export type SmeClassification = {
  group?: IndustryGroup;
  /** 中小企業者: the capital rule or the employee rule is enough (either one). */
  sme: Answer;
  /** The facts that decided `sme`: the rule met, or every rule exceeded. */
  smeBasis: ProfileFact[];
  /** 小規模事業者: by employees only. */
  small: Answer;
  /** Facts that would settle an unknown answer. */
  missing: ProfileFact[];
  size: 'small' | 'sme' | 'not_sme' | 'unknown';
};

export function industryGroupOf(industry: string | undefined): IndustryGroup | undefined {
  const s = industry?.normalize('NFKC').trim();
  return s ? INDUSTRY_GROUPS.find((g) => g.matches(s)) : undefined;
}

export function classifySme(profile: Pick<OwnerProfile, 'industry' | 'employees' | 'capitalJpy'>): SmeClassification {
  const group = industryGroupOf(profile.industry);
  const { employees, capitalJpy } = profile;
  if (!group) {
    const missing: ProfileFact[] = ['industry'];
    if (employees === undefined) missing.push('employees'); // needed for 小規模 whatever the industry
    return { sme: 'unknown', smeBasis: [], small: 'unknown', missing, size: 'unknown' };
  }

  const employeesOk = employees === undefined ? undefined : employees <= group.employeesMax;
  const capitalOk = capitalJpy === undefined ? undefined : capitalJpy <= group.capitalMaxJpy;
  const missing: ProfileFact[] = [];
  let sme: Answer;
  let smeBasis: ProfileFact[] = [];
  if (employeesOk || capitalOk) {
    sme = 'yes';
    smeBasis = employeesOk ? ['employees'] : ['capital'];
  } else if (employeesOk === false && capitalOk === false) {
    sme = 'no';
    smeBasis = ['employees', 'capital'];
  } else {
    sme = 'unknown';
    if (employeesOk === undefined) missing.push('employees');
    if (capitalOk === undefined) missing.push('capital');
  }

  let small: Answer = 'unknown';
  if (group.smallEmployeesMax !== undefined && employees !== undefined) small = employees <= group.smallEmployeesMax ? 'yes' : 'no';
  else if (group.smallEmployeesMax !== undefined && !missing.includes('employees')) missing.push('employees');

  const size = small === 'yes' ? 'small' : sme === 'yes' ? 'sme' : sme === 'no' ? 'not_sme' : 'unknown';
  return { group, sme, smeBasis, small, missing, size };
}
