// Fixed sentences of the self-diagnosis flow and of the ローカルベンチマーク summary. The
// questions themselves live in knowledge/diagnosis/*.yaml; the indicator wording follows
// knowledge/subsidies/local-benchmark.md (the doc cited when the indicators are shown).
import type { FigureKey, ProfileField } from '../../domain/diagnosis.ts';

export const diagnosisText = {
  intro: (minutes: number) =>
    [
      'かんたん自己診断を始めます。',
      `会社の強み・弱み、BCP（災害への備え）、SDGs、デジタル化などを、ボタンで答えていくだけで確かめられます（およそ${minutes}分）。`,
      'わからない質問は「スキップ」、前の質問に戻るときは「戻る」、途中でやめるときは「中断」を押してください。',
    ].join('\n'),
  known: (items: string[]) => `わかっている情報：${items.join('、')}\nこの項目の質問は省きます（直したいときは「戻る」で戻れます）。`,
  progress: (section: string, n: number, total: number) => `〔${section}〕（${n}/${total}）`,
  multiHint: 'いくつでも選べます。選び終わったら「決定」を押してください。',
  selected: (labels: string[]) => `選んだもの：${labels.join('、')}`,
  noneSelectedYet: '選んだもの：まだありません',
  previousAnswer: (answer: string) => `前回の回答：${answer}`,
  registered: (value: string) => `登録済みの内容：${value}`,
  accepted: (answer: string) => `「${answer}」で受け付けました。`,
  skipped: 'スキップ',
  cannotGoBack: 'これより前には戻れません。',
  restarted: '最初からやり直します。',
  resumed: '診断の続きです。',
  paused: '診断を中断しました。途中までの回答は保存してあります。続きはいつでも再開できます。',
  stale: 'そのボタンは前の質問のものです。いまの質問はこちらです。',
  notUnderstood: 'すみません、うまく読み取れませんでした。',
  pickFromButtons: '下のボタンから選ぶか、ボタンと同じ言葉で入力してください。',
  pickAtLeastOne: '1つ以上選んでから「決定」を押してください。当てはまるものがなければ「特にない」などを選んでください。',
  numberExpected: (unit: 'count' | 'yen') => (unit === 'count' ? '人数を数字で入力してください（例：25人）。' : '金額を単位つきで入力してください（例：1000万円、3千万円）。'),
  negativeNotAllowed: 'マイナスの数字は入れられません。',
  prefectureExpected: '都道府県名を入力してください（例：愛知県、大阪）。',
  textExpected: 'ひとことで入力してください。',
  finishing: '診断はここまでです。おつかれさまでした。',
} as const;

/** Words an owner types to steer the flow. Matched after normalisation (NFKC, kana folding, no spaces). */
export const commandWords = {
  skip: ['スキップ', 'すきっぷ', 'とばす', '飛ばす', 'パス', 'わからない', '分からない', '不明'],
  back: ['戻る', 'もどる', '前へ', '前に戻る', 'ひとつ前', '一つ前'],
  restart: ['最初から', 'はじめから', '始めから', 'やり直し', 'やりなおし', '最初からやり直す'],
  done: ['決定', 'けってい', '以上', 'これで全部', '完了'],
  quit: ['中断', 'ちゅうだん', 'やめる', 'あとで', '後で', '終了'],
  resume: ['続き', '続きから', 'つづき', '再開'],
} as const;

/** Yen amounts owners type as words: 「なし」 for no debt. */
export const zeroWords = ['なし', '無し', 'ない', 'ゼロ', 'ありません'] as const;
/** Marks before a negative amount: ▲500万円, マイナス500万円, 赤字500万円. */
export const negativeMarks = ['-', '−', '▲', '△', 'マイナス', '赤字'] as const;

export const buttonLabels = {
  skip: 'スキップ',
  back: '戻る',
  quit: '中断',
  done: '決定',
  resume: '続きから',
  restart: '最初から',
} as const;

export const profileFieldLabels: Record<ProfileField, string> = {
  industry: '業種',
  employees: '従業員',
  capitalJpy: '資本金',
  prefecture: '所在地',
  bcpCertified: 'ジギョケイ認定',
};

export const booleanText = (v: boolean) => (v ? '済み' : 'なし');
export const countText = (n: number) => `${n.toLocaleString('ja-JP')}人`;

export const resultText = {
  heading: '自己診断の結果です（各分野100点満点）。',
  areaLine: (label: string, score: number) => `・${label}：${score}点`,
  noScores: '（点数をつけられる回答がありませんでした）',
  strengthsHeading: '【よいところ】',
  issuesHeading: '【気をつけたいところ】',
  noStrengths: '（回答からは、まだ見つかりませんでした）',
  noIssues: '（回答からは、特に見つかりませんでした）',
  suggestionsHeading: '【次の一歩の候補】',
  scoreNote: '※点数は、この診断の回答から計算した目安です。',
} as const;

export type IndicatorId = 'sales_growth' | 'operating_margin' | 'labour_productivity' | 'ebitda_debt_ratio' | 'working_capital_months' | 'equity_ratio';

/**
 * The six indicators as knowledge/subsidies/local-benchmark.md words them: name, aspect
 * (見ている点), formula (計算式) and what it shows (何がわかるか). Tests check each appears in that doc.
 */
export const indicatorText: Record<IndicatorId, { mark: string; name: string; aspect: string; formula: string; meaning: string }> = {
  sales_growth: { mark: '①', name: '売上高増加率', aspect: '売上の持続性', formula: '（売上高 ÷ 前年度の売上高）− 1', meaning: '会社がどの成長段階にあるか' },
  operating_margin: { mark: '②', name: '営業利益率', aspect: '収益性', formula: '営業利益 ÷ 売上高', meaning: '本業でどれだけ稼げているか' },
  labour_productivity: { mark: '③', name: '労働生産性', aspect: '生産性', formula: '営業利益 ÷ 従業員数', meaning: '競争力' },
  ebitda_debt_ratio: { mark: '④', name: 'EBITDA有利子負債倍率', aspect: '健全性', formula: '（借入金 − 現預金）÷（営業利益 + 減価償却費）', meaning: '借入金を何年分のキャッシュフローで返せるか' },
  working_capital_months: { mark: '⑤', name: '営業運転資本回転期間', aspect: '効率性', formula: '（売上債権 + 棚卸資産 − 買入債務）÷ 月商（売上高 ÷ 12）', meaning: '取引条件の変化で運転資金がどれだけ増減するか' },
  equity_ratio: { mark: '⑥', name: '自己資本比率', aspect: '安全性', formula: '純資産 ÷ 総資産', meaning: '返さなくてよいお金の割合' },
};

export const figureLabels: Record<FigureKey, string> = {
  sales: '売上高（今期）',
  sales_prev: '売上高（前期）',
  operating_profit: '営業利益',
  employees: '従業員数',
  depreciation: '減価償却費',
  interest_bearing_debt: '借入金',
  cash: '現預金',
  receivables: '売上債権',
  inventory: '棚卸資産',
  payables: '買入債務',
  net_assets: '純資産',
  total_assets: '総資産',
};

export const benchmarkText = {
  heading: '【財務の健康診断（ローカルベンチマークの6つの指標）】',
  line: (mark: string, name: string, value: string) => `${mark} ${name}：${value}`,
  shows: (aspect: string, meaning: string) => `　${aspect}の指標。${meaning}がわかります。`,
  missing: (figures: string[]) => `　計算できません（${figures.join('・')}が未入力）`,
  /** Why an indicator cannot be computed although its figures were given. */
  notComputable: {
    sales_growth: '　前期の売上高が0以下のため、増加率は計算できません。',
    operating_margin: '　売上高が0以下のため、計算できません。',
    labour_productivity: '　従業員数が0人のため、計算できません。',
    ebitda_debt_ratio: '　営業利益と減価償却費の合計が0以下のため、借入金を何年分で返せるかという倍率は計算できません。',
    working_capital_months: '　売上高が0以下のため、月商で割れず、計算できません。',
    equity_ratio: '　総資産が0以下のため、計算できません。',
  } satisfies Record<IndicatorId, string>,
  netCash: '実質無借金（現預金が借入金を上回っています）',
  negativeEquity: '　純資産がマイナス（債務超過）です。',
  negativeWorkingCapital: '　買入債務が、売上債権と棚卸資産の合計より多いため、マイナスになっています。',
  noFigures: '数字が入力されなかったため、指標は計算していません。',
  comparisonNote:
    '※業種の平均との比較はしていません。経済産業省のローカルベンチマーク（無料のExcelツール）に直近3期分の決算を入れると、業種・規模ごとの基準値と比べたA〜Dの評価が出ます。',
} as const;
