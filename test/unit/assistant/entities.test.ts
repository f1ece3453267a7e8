import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { extractEntities } from '../../../src/assistant/understand/entities.ts';
import { findNumbers, parseCount, parseNumeral, parseYen } from '../../../src/assistant/understand/numbers.ts';
import { withinOneEdit } from '../../../src/assistant/understand/scan.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';

let catalog: Catalog;
const today = '2026-11-21';
const read = (text: string) => extractEntities(text, { catalog, today });

beforeAll(async () => {
  catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
});

describe('numbers', () => {
  it('parses kanji numerals, 万/億, decimals, commas and full-width digits', () => {
    expect(parseNumeral('三十')).toBe(30);
    expect(parseNumeral('3千万')).toBe(30_000_000);
    expect(parseNumeral('1億2000万')).toBe(120_000_000);
    expect(parseNumeral('1.5億')).toBe(150_000_000);
    expect(parseNumeral('１，２００万')).toBe(12_000_000);
    expect(parseNumeral('２５')).toBe(25);
    expect(parseNumeral('abc')).toBeUndefined();
  });

  it('finds numbers with the unit after them, and skips lone kanji inside words', () => {
    expect(findNumbers('従業員２５人で資本金3,000万円')).toEqual([
      { value: 25, text: '25', unit: '人', index: 3 },
      { value: 30_000_000, text: '3000万', unit: '円', index: 10 },
    ]);
    expect(findNumbers('一宮市で一緒に')).toEqual([]);
    expect(parseYen('500万くらい')).toBe(5_000_000);
    expect(parseYen('3台')).toBeUndefined();
    expect(parseCount('二十五人くらい')).toBe(25);
    expect(parseCount('２５')).toBe(25);
    expect(parseCount('25年')).toBeUndefined();
  });
});

describe('place', () => {
  it('reads the prefecture from its full or short name, hiragana, capitals and known cities', () => {
    expect(read('愛知県で板金やってます')).toMatchObject({ prefecture: '愛知県' });
    expect(read('愛知の工場です')).toMatchObject({ prefecture: '愛知県' });
    expect(read('あいちで樹脂成形')).toMatchObject({ prefecture: '愛知県' });
    expect(read('名古屋の町工場')).toMatchObject({ prefecture: '愛知県', city: '名古屋市' });
    expect(read('浜松で溶接できるところ')).toMatchObject({ prefecture: '静岡県', city: '浜松市' });
    expect(read('東大阪の金型屋')).toMatchObject({ prefecture: '大阪府', city: '東大阪市' });
    expect(read('愛知県一宮市の会社')).toMatchObject({ prefecture: '愛知県', city: '一宮市' });
    const area = read('燕三条の研磨屋さん');
    expect(area.prefecture).toBe('新潟県');
    expect(area.city).toBeUndefined(); // an area, not a municipality
  });

  it('prefers the longest name and leaves company and person names alone', () => {
    expect(read('東京都の会社').prefecture).toBe('東京都'); // not 京都
    expect(read('京都の会社').prefecture).toBe('京都府');
    expect(read('取引先の山口製作所が倒産').prefecture).toBeUndefined();
    expect(read('福島さんに聞いた').prefecture).toBeUndefined();
    expect(read('静岡市の工場').prefecture).toBe('静岡県');
    expect(read('静岡市の工場').city).toBe('静岡市');
    expect(read('静岡の工場').city).toBeUndefined(); // 静岡 alone is the prefecture
  });

  it('keeps the first prefecture named, with a city only from that prefecture', () => {
    expect(read('愛知県の会社で、浜松の工場と組みたい')).toMatchObject({ prefecture: '愛知県' });
    expect(read('愛知県の会社で、浜松の工場と組みたい').city).toBeUndefined();
  });

  it('an empty message has no entities', () => {
    expect(read('')).toEqual({ amountsJpy: [], dates: [], capabilities: [], programs: [], guides: [] });
  });
});

describe('industry', () => {
  it('reads the trade when the owner describes their own company', () => {
    expect(read('うちは板金屋です').industry).toBe('金属製品製造業');
    expect(read('町工場やってます').industry).toBe('製造業');
    expect(read('あいちで樹脂成形やっとる').industry).toBe('プラスチック製品製造業');
    expect(read('鉄工所を経営しています').industry).toBe('金属製品製造業');
    expect(read('弊社はめっき屋でございます').industry).toBe('表面処理業');
  });

  it('does not read the trade of a company the owner is looking for or talking about', () => {
    expect(read('めっき屋を探してる').industry).toBeUndefined();
    expect(read('うちはめっき屋さんを探してる').industry).toBeUndefined();
    expect(read('うちの取引先の板金屋が廃業した').industry).toBeUndefined();
    expect(read('近くの金型屋おしえて').industry).toBeUndefined();
  });
});

describe('employees and capital', () => {
  it('reads head counts tied to staff words, in digits, full-width or kanji', () => {
    expect(read('従業員25人の会社です').employees).toBe(25);
    expect(read('社員は三十名').employees).toBe(30);
    expect(read('従業員２５人').employees).toBe(25);
    expect(read('うちは20人くらい').employees).toBe(20);
    expect(read('パート含めて15人でやってます').employees).toBe(15);
    expect(read('従業員数：25').employees).toBe(25);
    expect(read('社員10人とパート5人、全部で15人').employees).toBe(15);
  });

  it('reads the yearly revenue after 年商 or 売上高, apart from the capital', () => {
    expect(read('年商5億の金属加工屋です')).toMatchObject({ revenueJpy: 500_000_000, amountsJpy: [] });
    expect(read('資本金3000万、売上高12億円です')).toMatchObject({ capitalJpy: 30_000_000, revenueJpy: 1_200_000_000 });
    expect(read('1000万円の機械を買いたい').revenueJpy).toBeUndefined();
  });

  it('takes officers counted into a total off it, since they are not employees', () => {
    expect(read('従業員は役員3人込みで22人')).toMatchObject({ employees: 19, officers: 3 });
    expect(read('役員が2人、それも含めて全部で12人')).toMatchObject({ employees: 10, officers: 2 });
    expect(read('役員2人と社員15人')).toMatchObject({ employees: 15 });
    expect(read('役員2人と社員15人').officers).toBeUndefined();
    expect(read('20人の会社です').employees).toBe(20);
  });

  it('ignores thresholds and other people counts', () => {
    expect(read('従業員20人以下って対象？').employees).toBeUndefined();
    expect(read('10人の会社を紹介して').employees).toBeUndefined();
    expect(read('2026年に5台入れる').employees).toBeUndefined();
  });

  it('reads capital only after 資本金, and keeps it out of the other amounts', () => {
    expect(read('資本金3千万円です')).toMatchObject({ capitalJpy: 30_000_000, amountsJpy: [] });
    expect(read('資本金1億やけど対象？')).toMatchObject({ capitalJpy: 100_000_000 });
    expect(read('資本金は１，０００万円、従業員は十二人')).toMatchObject({ capitalJpy: 10_000_000, employees: 12 });
    expect(read('3千万円の機械').capitalJpy).toBeUndefined();
  });
});

describe('amounts', () => {
  it('reads yen amounts written with 円, 万 or 億, but not years, counts or rates', () => {
    expect(read('500万くらいの機械と1.5億の建物').amountsJpy).toEqual([5_000_000, 150_000_000]);
    expect(read('1億2000万円の設備と3,000万円の改修').amountsJpy).toEqual([120_000_000, 30_000_000]);
    expect(read('２０万円').amountsJpy).toEqual([200_000]);
    expect(read('2026年に補助率1/2で3台').amountsJpy).toEqual([]);
    expect(read('100万人の市場').amountsJpy).toEqual([]);
  });

  it('leaves numbers inside program names alone', () => {
    expect(read('100億宣言の補助金って何').amountsJpy).toEqual([]);
  });
});

describe('dates', () => {
  it('turns a month and day into the next such date from today', () => {
    expect(read('12月15日までに出したい').dates).toEqual(['2026-12-15']);
    expect(read('1月10日が締切').dates).toEqual(['2027-01-10']);
    expect(read('11月21日').dates).toEqual(['2026-11-21']); // today is not in the past
    expect(read('十二月一日').dates).toEqual(['2026-12-01']);
  });

  it('reads full dates, 令和, slashes and a few relative words, in the order written', () => {
    expect(read('2027年1月20日と令和9年3月31日、あと2026/12/18').dates).toEqual(['2027-01-20', '2027-03-31', '2026-12-18']);
    expect(read('明日までに返事する。来月末が締切').dates).toEqual(['2026-11-22', '2026-12-31']);
  });

  it('drops impossible dates, month-only mentions and fractions', () => {
    expect(read('2月30日').dates).toEqual([]);
    expect(read('2027年1月に公募').dates).toEqual([]);
    expect(read('補助率は1/2').dates).toEqual([]);
  });
});

describe('capabilities', () => {
  it('maps names and synonyms to taxonomy ids, kana-folded, longest first', () => {
    expect(read('金型と射出成形とメッキ').capabilities).toEqual(['mold-making', 'injection-molding', 'plating']);
    expect(read('めっき').capabilities).toEqual(['plating']);
    expect(read('鍍金').capabilities).toEqual(['plating']);
    expect(read('板金と溶接').capabilities).toEqual(['sheet-metal', 'welding']);
    expect(read('真空成形').capabilities).toEqual(['vacuum-forming']); // not 成形 → injection-molding
    expect(read('ｱﾙﾏｲﾄ処理').capabilities).toEqual(['anodizing']); // half-width katakana
  });

  it('does not find a katakana term inside a longer katakana word', () => {
    expect(read('ジグザグに並べる').capabilities).toEqual([]);
    expect(read('治具を作ってほしい').capabilities).toEqual(['jig-fixture-design']);
  });
});

describe('programs', () => {
  it('names programs by alias, abbreviation, kana and a one-character typo', () => {
    expect(read('もの補助とジギョケイと持続化').programs).toEqual(['subsidies/monozukuri', 'subsidies/jigyokei', 'subsidies/jizokuka-ippan']);
    expect(read('じぎょけい').programs).toEqual(['subsidies/jigyokei']);
    expect(read('連携型ジギョケイ').programs).toEqual(['subsidies/jigyokei-renkei']);
    expect(read('IT補助金').programs).toEqual(['subsidies/digital-ai']);
    expect(read('デジタル化AI導入補助金').programs).toEqual(['subsidies/digital-ai']);
    expect(read('省力化の上限').programs).toEqual(['subsidies/shoryokuka-catalog', 'subsidies/shoryokuka-ippan']);
    expect(read('ジギョウケイって何').programs).toEqual(['subsidies/jigyokei']);
    expect(read('GoTechってなに').programs).toEqual(['subsidies/go-tech']);
  });

  it('does not read another word as a program through a swapped or missing kanji', () => {
    expect(read('中小企業BCP策定運用指針の様式').programs).toEqual([]); // BCP策定 is not the alias BCP認定
    expect(read('免税事業者やったけどインボイス登録した').programs).toEqual([]); // インボイス is not インボイス枠
    expect(read('保助金').programs).toEqual([]);
  });

  it('names guides that are not about one program, PDFs by their sidecar', () => {
    expect(read('早見表の中で締切なしの補助金は').guides).toEqual(['pdf/subsidy-overview']);
    expect(read('よろず支援拠点って何').guides).toEqual(['subsidies/support-yorozu']);
    expect(read('ジギョケイの締切').guides).toEqual([]);
  });

  it('reads ものづくり as the program only when it is used as a name', () => {
    expect(read('ものづくりの締切').programs).toEqual(['subsidies/monozukuri']);
    expect(read('ものづくり企業です').programs).toEqual([]);
  });

  it('leaves BCP handbooks out: BCP is a topic, not a program', () => {
    expect(read('BCPって何').programs).toEqual([]);
  });
});

describe('supplier', () => {
  it('reads the name of a supplier that stopped, without legal form or honorific', () => {
    expect(read('取引先の山田製作所が火事で').supplierName).toBe('山田製作所');
    expect(read('㈱岬鍍金が廃業するらしい').supplierName).toBe('岬鍍金');
    expect(read('株式会社ABC精工が倒産した').supplierName).toBe('ABC精工');
    expect(read('外注先のヤマダさんが倒産した').supplierName).toBe('ヤマダ');
  });

  it('needs a company name and a supplier word or a stop event', () => {
    expect(read('取引先の会社が火事').supplierName).toBeUndefined();
    expect(read('うちの会社は山田製作所です').supplierName).toBeUndefined();
    expect(read('取引先の塗装屋が廃業').supplierName).toBeUndefined();
  });
});

describe('steps', () => {
  it('reads an ordered process chain written with arrows or から…まで', () => {
    expect(read('金型→成形→めっき→組立').steps).toEqual(['mold-making', 'injection-molding', 'plating', 'assembly']);
    expect(read('金型から成形、めっき、組立まで').steps).toEqual(['mold-making', 'injection-molding', 'plating', 'assembly']);
    expect(read('プレス > 溶接 > 塗装').steps).toEqual(['press-working', 'welding', 'painting']);
    expect(read('旋盤加工してから焼入れ、研削').steps).toEqual(['lathe-turning', 'heat-treatment', 'grinding']);
  });

  it('a plain list is not an order', () => {
    expect(read('めっきと塗装ができる会社').steps).toBeUndefined();
    expect(read('金型、成形、組立').steps).toBeUndefined();
  });

  it('takes the longest linked chain in a message', () => {
    expect(read('溶接もできる会社で、金型→成形→組立を').steps).toEqual(['mold-making', 'injection-molding', 'assembly']);
  });
});

describe('typo matching', () => {
  it('allows one wrong, missing or extra character', () => {
    expect(withinOneEdit('ジギョウケイ', 'ジギョケイ')).toBe(true);
    expect(withinOneEdit('保助金', '補助金')).toBe(true);
    expect(withinOneEdit('ジギョ', 'ジギョケイ')).toBe(false);
    expect(withinOneEdit('abcd', 'abdc')).toBe(false);
  });
});
