// What the partner suggestions say (reasons, summaries, hints) and the Japanese words the
// matcher looks for in the registry's free-text cells. Sentences only: facts come from the
// registry and the taxonomies.

/** Words in the registry's 連携希望 / 提供可能 cells and company names that the matcher reads. */
export const partnerVocabulary = {
  /** A 連携希望 / 提供可能 cell about disaster backup (BCP連携先, 災害時の代替生産先, BCP時の代替生産). */
  bcpWords: ['BCP', '代替生産', '災害'],
  /**
   * Words of an owner's trade that call for a quality certification, looked for in the 認証 column:
   * ISO 13485 is the standard for medical devices, IATF 16949 for the car industry, JIS Q 9100 for aerospace.
   */
  certificationHints: [
    { words: ['医療機器', '医療用'], certification: 'ISO 13485' },
    { words: ['自動車部品', '車載'], certification: 'IATF 16949' },
    { words: ['航空機', '航空宇宙'], certification: 'JIS Q 9100' },
  ],
  /** Legal-form words dropped when comparing company names: 株式会社大樹製作所 ≈ 大樹製作所 ≈ (株)大樹製作所. */
  companyForms: ['株式会社', '有限会社', '合同会社', '合資会社', '合名会社', '(株)', '(有)', '(合)', '(資)', '(名)'],
} as const;

const list = (items: string[]) => items.join('・');

export const partnerMessages = {
  // why a company fits (one reason each)
  need: (cap: string) => `ご希望の${cap}に対応`,
  downstream: (own: string, cap: string) => `御社の${own}の後工程（${cap}）に対応`,
  upstream: (own: string, cap: string) => `御社の${own}の前工程（${cap}）に対応`,
  complement: (own: string, cap: string) => `御社の${own}と組み合わせやすい${cap}に対応`,
  seeksYours: (phrase: string, own: string) => `「${phrase}」を探しています（御社の${own}がお役に立てます）`,
  offers: (phrase: string) => `提供できること：${phrase}`,
  seeks: (phrase: string) => `連携希望：${phrase}`,
  word: (word: string, label: string, cell: string) => `「${word}」に関係（${label}：${cell}）`,
  certified: (certification: string) => `ご希望の認証（${certification}）あり`,
  certificationFor: (word: string, certification: string) => `「${word}」向けの認証（${certification}）あり`,
  sameCity: (pref: string, city: string) => `同じ${pref}${city}`,
  samePrefecture: (pref: string) => `同じ${pref}内`,
  neighbour: (pref: string) => `隣の${pref}`,
  sameRegion: (region: string, pref: string) => `同じ${region}地方の${pref}`,
  supplierSamePrefecture: (pref: string) => `止まった会社と同じ${pref}内`,
  supplierNeighbour: (pref: string) => `止まった会社の隣の${pref}`,
  supplierSameRegion: (region: string, pref: string) => `止まった会社と同じ${region}地方の${pref}`,
  bcpCertified: '事業継続力強化計画（ジギョケイ）の認定あり',
  certifications: (certs: string[]) => `認証：${certs.join('、')}`,
  sameCapability: (caps: string[]) => `御社と同じ${list(caps)}に対応（災害時に代わりに生産できる候補）`,
  similarCapability: (own: string, cap: string) => `御社の${own}に近い${cap}に対応`,
  hazardDiffers: (owner: string, ownerZones: string[], other: string, otherZones: string[]) =>
    `登録データ上、${owner}は${ownerZones.length ? list(ownerZones) : '国の広域の指定地域なし'}、${other}は${otherZones.length ? list(otherZones) : '国の広域の指定地域なし'}で、重なる地域はありません`,
  coversAll: (caps: string[]) => `止まった工程（${list(caps)}）すべてに対応`,
  coversSome: (caps: string[], total: number, missing: string[]) => `止まった${total}工程のうち${list(caps)}に対応（${list(missing)}は別の会社が必要）`,
  teamCovers: (caps: string[]) => `${list(caps)}の工程を担当できます`,

  // summaries
  headComplement: (own: string[], needs: string[], n: number) =>
    own.length
      ? `御社の${list(own)}と組み合わせやすい会社を${n}社ご紹介します（近い会社を優先しています）。`
      : `ご希望の${list(needs) || '内容'}に合う会社を${n}社ご紹介します（近い会社を優先しています）。`,
  headNear: (n: number) => `近くで組める会社を、近い順に${n}社ご紹介します。`,
  headRequest: (caps: string[], n: number) => `ご希望の${list(caps)}に対応できる会社を${n}社ご紹介します（ご希望に多く合う会社から、近い順）。`,
  headBcpFar: (pref: string, n: number) => `災害のときの代わりの生産先として、${pref}と災害リスクの重ならない、離れた地域の会社を${n}社ご紹介します。`,
  headAlternate: (supplier: string | undefined, caps: string[], n: number) =>
    `${supplier ? `${supplier}の代わりに、` : ''}${list(caps)}を受けられる会社を${n}社ご紹介します（近い順）。`,
  headTeam: '部品の工程ごとに、対応できる会社を探しました。',
  teamStepsHeader: '【工程と候補】',
  teamStep: (i: number, cap: string, who: string) => `${i}. ${cap} → ${who}`,
  teamByOwner: '御社で対応',
  teamNobody: '見つかりませんでした',
  teamCore: (members: string[]) => `少ない社数でまとめるなら：${members.join('、')}`,
  teamMember: (name: string, caps: string[]) => `${name}（${list(caps)}）`,
  uncovered: (caps: string[]) => `対応できる会社が登録簿に見つからなかった工程：${list(caps)}`,
  alternateUncovered: (caps: string[]) => `${list(caps)}を受けられる会社は、登録簿に見つかりませんでした。`,
  bcpHazardNote: '※災害リスクは、都道府県ごとの登録データ（国の指定地域）による目安です。工場の所在地の詳しいリスクは、市町村のハザードマップで確認してください。',
  askPrefecture: '御社の所在地（都道府県）を教えていただくと、近い順にご紹介できます。',
  contact: '会社へのご連絡は、支援センターがおつなぎします。気になる会社があれば「紹介を依頼」を押してください。',

  // cards
  fieldCapabilities: '得意技術',
  fieldCertifications: '認証',
  fieldBcp: 'ジギョケイ認定',
  fieldCovers: '対応する工程',
  fieldReason: 'おすすめの理由',
  fieldContact: '連絡窓口',
  fieldSeeking: '連携希望',
  fieldOffering: '提供可能',
  fieldEquipment: '主要設備',
  fieldIndustry: '業種',
  // citation quotes: the registry row as the registry loader renders it
  quoteCapabilities: (caps: string[]) => `得意技術: ${caps.join('、')}`,
  quoteBcp: '事業継続力強化計画: 認定済',
  bcpYes: '認定あり',
  notListed: '登録なし',
  contactAction: '紹介を依頼',

  // nothing to show
  noMatch: '登録されている企業の中に、条件に合う会社は見つかりませんでした。',
  noMatchHint: '工程の名前（例：めっき、金型製作）や地域を変えてお試しいただくか、支援センターの担当者にご相談ください。',
  needCapabilities: '御社の得意な加工（例：射出成形、マシニング加工）や、探している工程（例：めっき、金型製作）を教えてください。それに合う会社をお探しします。',
  needPrefecture: '御社の所在地（都道府県）を教えてください。災害リスクの重ならない地域の会社を選ぶのに使います。',
  supplierNotFound: (name: string) =>
    `「${name}」という会社は、登録簿に見つかりませんでした。その会社に頼んでいた工程（例：研削加工、めっき）を教えていただければ、代わりに受けられる会社をお探しします。`,
  supplierAmbiguous: (name: string, names: string[]) =>
    `「${name}」に当てはまる会社が登録簿に複数あります：${names.join('、')}。どの会社か、正式な社名で教えてください。`,
} as const;
