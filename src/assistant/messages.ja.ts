// Every sentence the assistant says on its own (not quoted from a source), in one place.
export const messages = {
  welcome: [
    'こんにちは。つなぐ（tsunagu）です。',
    '補助金・BCP（災害への備え）・連携先探しについて、手元の資料をもとに出典つきでお答えします。',
    '例：「ものづくり補助金の補助率は？」「持続化補助金の締め切りはいつ？」「ジギョケイって何？」',
    '終わるときは「終了」と入力してください。',
  ].join('\n'),
  preparing: '知識ベースを準備しています。初回は少し時間がかかります…',
  ready: (chunks: number) => `準備ができました（資料の区切り ${chunks} 件）。`,
  goodbye: 'ご利用ありがとうございました。またいつでもどうぞ。',
  notFound: [
    '申し訳ありません。手元の資料からは、このご質問にはっきりお答えできる情報が見つかりませんでした。',
    '推測でお答えすることは控えます。',
    '補助金・BCP・連携先探しについてのご質問でしたら、制度名や知りたいこと（上限額、補助率、締め切り、対象など）を添えて、もう一度お試しください。',
  ].join('\n'),
  emptyQuestion: 'ご質問を入力してください。',
  tooLong: (max: number) => `ご質問が長すぎます。${max}文字以内でお願いします。`,
  sourcesHeader: '【出典】',
  asOf: (date: string) => `${date}時点の情報`,
  figuresChange: '※金額・補助率・日程は公募回ごとに変わります。申請の前に、最新の公募要領で必ず確認してください。',
  internalError: '申し訳ありません。処理中に問題が起きました。お手数ですが、もう一度お試しください。',
} as const;
