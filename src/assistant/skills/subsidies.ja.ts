// What the subsidy matcher says on its own: verdicts, reasons, schedule lines and labels.
// Sentences only; every amount, rate, date and threshold they carry is passed in from the
// knowledge documents (program front matter, sme-definition.md).
import type { ProfileFact } from '../../domain/sme.ts';

const list = (items: string[]) => items.join('・');

export const factLabels: Record<ProfileFact, string> = {
  industry: '業種',
  employees: '常時使用する従業員の数',
  capital: '資本金',
};

export const subsidyMessages = {
  verdict: { eligible: '対象になりそうです', not_eligible: '対象外です', unknown: '今の情報だけでは判定できません' },
  verdictShort: { eligible: '対象の見込み', not_eligible: '対象外', unknown: '要確認' },

  // reasons, each about one field of the profile or of the program
  smeByEmployees: (group: string, max: number) => `中小企業者に当たります（${group}は常時使用する従業員${max}人以下）`,
  smeByCapital: (group: string, yen: string) => `中小企業者に当たります（${group}は資本金${yen}以下）`,
  notSmeEmployees: (group: string, max: number) => `従業員数が中小企業者の基準（${group}は${max}人以下）を超えています`,
  notSmeCapital: (group: string, yen: string) => `資本金が中小企業者の基準（${group}は${yen}以下）を超えています`,
  smeUnknown: (missing: string[]) => `中小企業者かどうかは、${list(missing)}がわかれば判定できます`,
  small: (group: string, max: number) => `小規模事業者に当たります（${group}は常時使用する従業員${max}人以下）`,
  notSmall: (group: string, max: number) => `小規模事業者だけが対象です。${group}の小規模事業者は常時使用する従業員${max}人以下で、御社はこれを超えています`,
  smallUnknown: (missing: string[]) => `小規模事業者だけが対象です。当てはまるかは、${list(missing)}がわかれば判定できます`,
  smallNoThreshold: (group: string) => `小規模事業者だけが対象ですが、${group}の小規模事業者の基準は手元の資料にありません`,
  minEmployeesOk: (n: number) => `常時使用する従業員${n}人以上という条件を満たしています`,
  minEmployeesNg: (n: number) => `常時使用する従業員が${n}人以上必要です`,
  maxEmployeesOk: (n: number) => `従業員${n}人以下という条件を満たしています`,
  maxEmployeesNg: (n: number) => `従業員${n}人以下が条件で、御社はこれを超えています`,
  employeesUnknown: (condition: string) => `従業員数の条件（${condition}）があります。従業員数がわかれば判定できます`,
  revenueUnknown: (condition: string) => `売上高の条件（${condition}）があります。公募要領で確認してください`,
  revenueOk: (condition: string, revenue: string) => `売上高の条件（${condition}）を満たしています（お聞きした売上高：${revenue}）`,
  revenueNg: (condition: string, revenue: string) => `売上高の条件（${condition}）に当てはまりません（お聞きした売上高：${revenue}）`,
  industryOk: (industries: string[]) => `対象の業種（${list(industries)}）に当たります`,
  industryNg: (industries: string[]) => `対象の業種は${list(industries)}です`,
  industryExcluded: (industries: string[]) => `対象外の業種（${list(industries)}）に当たります`,
  industryUnknown: (industries: string[]) => `対象の業種が決まっています（${list(industries)}）。業種がわかれば判定できます`,
  applicantSupportOrg: '申請するのは地域の支援機関などで、1社だけでは申請できません',
  applicantConsortium: '複数の事業者や大学・研究機関などで共同体をつくって申請する制度で、1社だけでは申請できません',
  replaced: (successor: string | undefined) =>
    successor ? `この制度の募集は終わり、後継の「${successor}」に引き継がれています` : 'この制度の募集は終わり、後継の制度に引き継がれています',
  closed: 'この制度の募集は終了しています',

  // employee bands and condition texts
  bandBetween: (min: number, max: number) => `${min}〜${max}人`,
  bandFrom: (min: number) => `${min}人以上`,
  bandUpTo: (max: number) => `${max}人以下`,
  revenueFrom: (yen: string) => `${yen}以上`,
  revenueBelow: (yen: string) => `${yen}未満`,
  revenueUpTo: (yen: string) => `${yen}以下`,

  // amounts and rates
  cap: (amount: string, track: string, band?: string) => `${amount}（${track}${band ? `・${band}` : ''}）`,
  capSpecial: (label: string, amount: string) => `${label}で${amount}`,
  specialDefault: '特例',
  capRange: (min: string, max: string, track: string) => `${min}〜${max}（${track}。従業員数で変わります）`,
  rate: (rate: string, appliesTo: string) => `${rate}（${appliesTo}）`,
  unconfirmed: '（未確認の情報）',
  others: 'ほか',

  // schedule
  open: '受付中',
  deadline: (closes: string) => `締切 ${closes}`,
  daysLeft: (n: number) => `あと${n}営業日`,
  dueToday: '本日締切',
  upcoming: (round: string, opens: string) => `${round}は${opens}から受付`,
  rolling: '随時受付（公募回なし）',
  noRound: '次の公募の日程は、手元の資料にはまだありません',
  lastRound: (round: string, closes: string) => `直近の${round}は${closes}締切で終了`,
  replacedShort: (successor: string | undefined) => `募集終了${successor ? `（後継：${successor}）` : ''}`,
  closedShort: '募集終了',
  roundUncertain: '（日程は未確認の情報）',
  /** Attached to every line that holds a business-day count or a start-by date. */
  computedLabel: '締切（出典）から逆算',

  // prerequisites, planned back from the deadline
  startBy: (date: string) => `着手の目安 ${date}`,
  late: '間に合わない可能性があります：すぐ窓口にご相談ください',
  leadDays: (days: number) => `準備に${days}日ほど`,
  done: '認定済み',
  optional: '（加点）',

  // the match summary
  head: '会社の情報から、条件に合いそうな補助金を合いそうな順にご紹介します。',
  headUnknown: '今わかっている情報で、使えそうな補助金を挙げます（対象かどうかは、まだ確定できません）。',
  none: '今の条件で対象になりそうな補助金は、手元の資料には見つかりませんでした。',
  fits: (reason: string) => `・合う理由：${reason}`,
  toCheck: (reason: string) => `・確認したいこと：${reason}`,
  capLine: (text: string) => `・上限：${text}`,
  rateLine: (text: string) => `・補助率：${text}`,
  scheduleLine: (text: string) => `・募集：${text}`,
  firstLine: (text: string) => `・まず：${text}`,
  lastRoundLine: (text: string) => `・最後の公募：${text}`,
  excluded: (program: string, reason: string) => `・${program}は対象外：${reason}`,
  excludedHead: '対象外になった主な制度',
  sharpen: (facts: string[]) => `${list(facts)}を教えていただくと、対象かどうかと上限額をもっと正確にお伝えできます。`,
  whyNotHint: '対象外になった理由は、下のボタンから確認できます。',

  // cards and buttons
  field: { verdict: '判定', cap: '上限額', rate: '補助率', schedule: '募集', deadline: '締切', daysLeft: '残り営業日', first: 'まず着手すること' },
  detailAction: '詳細と対象の条件',
  detailChoice: (program: string) => `${program}の詳細`,
  whyNotChoice: (program: string) => `${program}が対象外の理由`,
  successorChoice: (program: string) => `後継の${program}を見る`,

  // one program in detail ("うちは対象？")
  explainHead: (program: string, verdict: string) => `【${program}】\n判定：${verdict}`,
  forHeader: '当てはまる点',
  againstHeader: '当てはまらない点',
  undeterminedHeader: 'まだわからない点',
  prerequisitesHeader: '申請までに必要な準備',
  conditionsHeader: '資料にある対象の条件（最後は公募要領で確認してください）',
  goToSuccessor: (successor: string) => `これから申請するなら、後継の「${successor}」をご覧ください。`,
  notFound: 'その制度の資料が見つかりませんでした。制度の名前を確かめて、もう一度お試しください。',

  // "うちは中小企業に入る？"
  smeRule: (group: string, yen: string, max: number) =>
    `${group}は、「資本金${yen}以下」か「常時使用する従業員${max}人以下」のどちらか一方を満たせば中小企業者です。`,
  smeYes: (facts: string) => `御社は${facts}なので、中小企業者に当たります。中小企業向けの補助金の対象になり得ます（制度ごとの条件は別にあります）。`,
  smeNo: (facts: string) => `御社は${facts}で、どちらの基準も超えているため、中小企業者には当たりません。中小企業向けの補助金は対象外です。`,
  smeOpen: (facts: string[]) => `判定には、${list(facts)}が必要です。教えていただければ、すぐにお答えします。`,
  smallYes: (max: number) => `さらに、常時使用する従業員${max}人以下なので小規模事業者にも当たります（持続化補助金などの対象）。`,
  smallNo: (max: number) => `小規模事業者（常時使用する従業員${max}人以下）には当たりません。`,
  employeesFact: (n: number) => `常時使用する従業員${n}人`,
  capitalFact: (yen: string) => `資本金${yen}`,
  notCounted: '役員や個人事業主本人は「常時使用する従業員」に数えません。',
  rubberException: (label: string, max: number) => `なお、${label}は従業員${max}人以下まで中小企業者ですが、この特例はタイヤ・チューブや工業用ベルトの製造には当たりません。`,
} as const;
