// Fixed sentences of the drafts: the 【要記入】 marker, the preface, the headings of the
// appended parts, the check results, the schedule and preparation lines, and the CLI's output.
// The plan's own text, questions and guidance live in knowledge/templates/*.yaml.
import { subsidyMessages } from '../assistant/skills/subsidies.ja.ts';

export const valueText = {
  minus: 'マイナス',
  listSeparator: '、',
} as const;

/** Computed dates use the same wording as the subsidy answers, which the number check recognises. */
const computed = (text: string) => `${text}（${subsidyMessages.computedLabel}）`;

export const draftText = {
  missing: (label: string, why: string) => `【要記入: ${label}。${why}】`,
  missingWord: '【要記入',
  createdOn: (date: string) => `作成日：${date}`,
  companyLine: (name: string) => `会社名：${name}`,
  preface: [
    'この下書きは、ご入力いただいた内容と出典の資料をもとに、つなぐが自動で作りました。',
    '【要記入】の所は、わかる範囲で書き足してください。金額・率・日付は、ご入力の値と出典の資料にあるものだけを使っています。',
    '提出の前に、最新の公募要領や手引きと照らし合わせ、商工会・商工会議所やよろず支援拠点などの支援機関に見てもらってください。',
  ],
  missingCount: (n: number) => (n ? `【要記入】の項目が${n}件あります。巻末の「記入が必要な項目」にまとめています。` : '【要記入】の所はありません。'),
  guidance: (text: string) => `書き方のポイント：${text}`,
  headings: {
    missing: '記入が必要な項目',
    preparations: '申請までに準備すること',
    requirements: (title: string) => `制度の主な要件（出典：${title}）`,
    checks: '数字の確かめ（整合性チェック）',
    sources: '出典',
  },
  missingItem: (label: string, why: string) => `${label}：${why}`,
  noMissing: '記入が必要な項目はありません。',
  noPreparations: '出典の資料には、事前に準備するものの記載がありません。',
  noChecks: 'この書類には、数字で確かめる項目はありません。',
  checksLead: 'ご入力の数字から計算した結果です。要件の値は出典の資料から読み取っています。',
  source: (title: string, url: string | undefined, quote: string) => `${title}${url ? `（${url}）` : ''}：「${quote}」`,
  checkSource: (title: string) => `出典：${title}`,
} as const;

export const statusText = {
  meets: '満たしています',
  misses: '要件に届いていません',
  incomplete: 'まだ確かめられません',
} as const;

export const checkText = {
  result: (label: string, value: string, requirement: string, status: string) => `${label}：${value}（要件：${requirement}）→ ${status}`,
  waiting: (label: string, requirement: string) => `${label}（要件：${requirement}）→ ${statusText.incomplete}`,
  needs: (labels: string[]) => `計算に必要な値：${labels.join('、')}`,
  atLeast: (shown: string) => `${shown}以上`,
  atMost: (shown: string) => `${shown}以下`,
  growthValue: (rate: string) => `年平均 ${rate}`,
  growthHow: (base: string, target: string, years: number) =>
    `計算のしかた：基準の${base}から${years}年後の${target}まで、毎年同じ率で伸びたとして1年あたりに直した値です（式：(${target}÷${base})^(1÷${years})−1、小数第3位以下は切り捨て）。`,
  growthNeeded: (years: number, amount: string) => `要件を満たすには、${years}年後の値がおよそ${amount}以上必要です（計算値）。`,
  growthBaseNotPositive: '基準の値が0以下のため、伸び率は計算できません。基準の年度の値を確かめてください。',
  differenceValue: (value: string, reference: string, diff: string) => `${value} − ${reference} = ${diff}`,
  differenceShort: (amount: string) => `あと${amount}の引上げが必要です（計算値）。`,
  countSelf: (n: number) => `当社を含めて${n}社`,
  shareValue: (value: string, of: string, share: string, cap: string) => `${value}（目安の上限：${of} × ${share} = ${cap}、計算値）`,
  written: (label: string, status: string) => `${label}：すべて記入済み → ${status}`,
  unwritten: (label: string, status: string) => `${label} → ${status}`,
  filledMissing: (labels: string[]) => `まだ書かれていない項目：${labels.join('、')}`,
  passage: (passage: string) => `要件（出典の記載）：「${passage}」`,
  shareRequirement: (shown: string) => `経費の${shown}まで`,
} as const;

export const scheduleText = {
  next: (round: string, closes: string) => `次の締切：${round} ${closes}`,
  opens: (opens: string) => `受付開始：${opens}`,
  rolling: '申請の締切はなく、いつでも申請できます。認定や審査には日数がかかるので、早めに準備してください。',
  replaced: (title: string, last: string | undefined, successor: string | undefined) =>
    `${title}は、資料の時点で募集を終えています${last ? `（最後の回：${last}）` : ''}。${successor ? `これからは後継の「${successor}」の公募要領で、様式と要件を確かめてください。` : ''}`,
  lastRound: (name: string, closes: string) => `${name}、締切 ${closes}`,
  noRound: (last: string | undefined) => `資料には、これから締切を迎える公募回が載っていません${last ? `（最後の回：${last}）` : ''}。最新の公募要領で日程を確かめてください。`,
} as const;

export const preparationText = {
  required: '必須',
  optional: '加点・任意',
  line: (name: string, kind: string, detail: string) => `${name}（${kind}）：${detail}`,
  leadDays: (days: number) => `準備に${days}日ほど`,
  startBy: (date: string) => computed(subsidyMessages.startBy(date)),
  late: subsidyMessages.late,
  done: subsidyMessages.done,
  noLead: '所要日数は資料にありません',
} as const;

export const cliText = {
  wrote: (file: string) => `wrote ${file}`,
  missing: (n: number) => `要記入: ${n} item(s) marked 【要記入: …】 (listed under 「記入が必要な項目」 at the end)`,
} as const;
