// Generates knowledge/partners/sample-registry.csv: a deterministic registry of FICTIONAL companies
// for demos, tests and evaluation (npm run registry:sample).
//
// - Names of capabilities and prefectures come from knowledge/taxonomy/*.yaml.
// - A seeded PRNG (mulberry32, fixed seed) makes every run produce the same file; no Math.random.
// - Companies are clustered the way Japanese manufacturing is (愛知・大阪・静岡 …), with process chains
//   (金型 → 射出成形 → めっき/塗装 → 組立, プレス → 溶接 → 塗装) available nearby and the same
//   capabilities in distant regions with different hazards (BCP backup).
// - After writing, the file is parsed back with csv-parse and every row is checked with the Partner schema.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import { CapabilityTaxonomy, PrefectureTaxonomy, type Capability, type Prefecture } from '../src/domain/taxonomy.ts';
import { Partner } from '../src/domain/partner.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'knowledge/partners/sample-registry.csv');
const SEED = 20261101;
const BCP_SHARE = 0.27;

// ── deterministic randomness ─────────────────────────────────────────────────
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const chance = (p: number) => rand() < p;
function pick<T>(xs: readonly T[]): T {
  if (xs.length === 0) throw new Error('pick from an empty list');
  return xs[Math.floor(rand() * xs.length)]!;
}
function weighted<T>(pairs: readonly (readonly [T, number])[]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [x, w] of pairs) if ((r -= w) < 0) return x;
  return pairs[pairs.length - 1]![0];
}
function shuffle<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

// ── taxonomies ───────────────────────────────────────────────────────────────
const capTax = CapabilityTaxonomy.parse(parseYaml(readFileSync(path.join(root, 'knowledge/taxonomy/capabilities.yaml'), 'utf8')));
const prefTax = PrefectureTaxonomy.parse(parseYaml(readFileSync(path.join(root, 'knowledge/taxonomy/prefectures.yaml'), 'utf8')));
const CAP = new Map<string, Capability>(capTax.capabilities.map((c) => [c.id, c]));
const PREF = new Map<string, Prefecture>(prefTax.prefectures.map((p) => [p.short, p]));
const capName = (id: string) => {
  const c = CAP.get(id);
  if (!c) throw new Error(`capability id "${id}" is not in capabilities.yaml`);
  return c.name;
};

// ── company archetypes ───────────────────────────────────────────────────────
type Range = readonly [number, number];
interface Archetype {
  /** One of these capability ids is always present (first: always; a list: pick one). */
  core: readonly (string | readonly string[])[];
  optional: readonly string[];
  /** Capabilities this kind of company typically looks for in partners (their 連携希望). */
  needs: readonly string[];
  industry: readonly (readonly [string, number])[];
  suffixes: readonly string[];
  employees: Range;
  /** Relative frequency nationwide. */
  weight: number;
  automotive?: boolean; // may hold IATF 16949
  aerospace?: boolean; // may hold JIS Q 9100
  medical?: boolean; // may hold ISO 13485
  sdgs?: readonly string[];
  seeking?: readonly string[];
  offering?: readonly string[];
}
const one = (label: string) => [[label, 1]] as const;

const ARCHETYPES = {
  machining: {
    core: ['cnc-machining'],
    needs: ['heat-treatment', 'plating', 'anodizing', 'grinding', '5-axis-machining', '3d-measurement'],
    optional: ['lathe-turning', '3d-measurement', 'cad-cam', '5-axis-machining', 'milling', 'deburring', 'grinding', 'deep-hole-drilling', 'prototyping', 'jig-fixture-design'],
    industry: [['金属製品製造業', 4], ['生産用機械器具製造業', 3], ['はん用機械器具製造業', 1]],
    suffixes: ['精工', '製作所', '精機', '工業', '機工', '技研'],
    employees: [4, 150],
    weight: 14,
    automotive: true,
    aerospace: true,
    medical: true,
    offering: ['段取り替えの少ない量産加工', '図面なし現物からの加工'],
  },
  turned: {
    core: ['automatic-lathe'],
    needs: ['plating', 'heat-treatment', 'cleaning', 'grinding'],
    optional: ['lathe-turning', 'deburring', 'cleaning', 'inspection', 'cnc-machining'],
    industry: [['金属製品製造業', 3], ['はん用機械器具製造業', 1]],
    suffixes: ['精工', '精密', '製作所', '精機'],
    employees: [3, 90],
    weight: 5,
    automotive: true,
    medical: true,
  },
  grinding: {
    core: ['grinding'],
    needs: ['heat-treatment', 'plating', 'lathe-turning'],
    optional: ['precision-grinding', 'lathe-turning', '3d-measurement', 'inspection'],
    industry: one('金属製品製造業'),
    suffixes: ['研削工業', '精工', '製作所', '研削所'],
    employees: [3, 60],
    weight: 3,
    automotive: true,
  },
  edm: {
    core: ['wire-edm'],
    needs: ['precision-grinding', 'cnc-machining', 'heat-treatment'],
    optional: ['edm', 'precision-grinding', 'cnc-machining', '3d-measurement'],
    industry: one('金属製品製造業'),
    suffixes: ['精工', '技研', '製作所'],
    employees: [2, 40],
    weight: 2,
  },
  gear: {
    core: ['gear-cutting'],
    needs: ['heat-treatment', 'carburizing', 'grinding'],
    optional: ['lathe-turning', 'grinding', 'carburizing', 'inspection', 'deburring'],
    industry: [['はん用機械器具製造業', 2], ['輸送用機械器具製造業', 1]],
    suffixes: ['歯車', 'ギヤー工業', '製作所', '精機'],
    employees: [10, 160],
    weight: 2,
    automotive: true,
  },
  mold: {
    core: ['mold-making'],
    needs: ['injection-molding', 'heat-treatment', 'coating', 'precision-grinding', 'wire-edm'],
    optional: ['edm', 'wire-edm', 'precision-grinding', 'cad-cam', 'mold-repair', '3d-measurement', 'cnc-machining', 'design'],
    industry: one('金型製造業'),
    suffixes: ['金型', 'モールド', '精工', '金型製作所', '型研'],
    employees: [5, 120],
    weight: 6,
    automotive: true,
    medical: true,
    seeking: ['トライ成形の協力先'],
    offering: ['金型修理・メンテナンス'],
  },
  pressDie: {
    core: ['press-die-making'],
    needs: ['heat-treatment', 'wire-edm', 'coating', 'press-working'],
    optional: ['wire-edm', 'precision-grinding', 'cad-cam', 'press-working', '3d-measurement'],
    industry: one('金型製造業'),
    suffixes: ['金型', '精密金型', '製作所', '技研'],
    employees: [5, 90],
    weight: 3,
    automotive: true,
    offering: ['プレス金型の修理'],
  },
  molder: {
    core: ['injection-molding'],
    needs: ['mold-making', 'mold-repair', 'plating', 'painting', 'pad-printing', 'assembly'],
    optional: ['assembly', 'inspection', 'insert-molding', 'mold-repair', 'mold-making', 'pad-printing'],
    industry: one('プラスチック製品製造業'),
    suffixes: ['化成', '樹脂工業', '化学工業', 'プラスチック', '化工'],
    employees: [8, 220],
    weight: 8,
    automotive: true,
    medical: true,
    sdgs: ['再生材の利用', 'バイオマス樹脂の採用'],
    seeking: ['金型の製作・修理先'],
  },
  rubber: {
    core: ['rubber-molding'],
    needs: ['mold-making', 'assembly'],
    optional: ['extrusion', 'deburring', 'inspection', 'assembly', 'mold-making'],
    industry: one('ゴム製品製造業'),
    suffixes: ['ゴム工業', 'ゴム化工', 'ゴム製作所'],
    employees: [5, 150],
    weight: 3,
    automotive: true,
  },
  plastics: {
    core: [['blow-molding', 'extrusion', 'vacuum-forming']],
    needs: ['mold-making', 'pad-printing', 'assembly'],
    optional: ['packaging', 'assembly', 'inspection', 'extrusion', 'vacuum-forming', 'blow-molding', 'pad-printing'],
    industry: one('プラスチック製品製造業'),
    suffixes: ['化成', '樹脂', '化学工業', 'ポリマー'],
    employees: [5, 150],
    weight: 3,
    sdgs: ['再生材の利用'],
  },
  composite: {
    core: ['composite-molding'],
    needs: ['5-axis-machining', 'non-destructive-testing', 'painting'],
    optional: ['cnc-machining', '5-axis-machining', 'non-destructive-testing', 'painting', 'prototyping'],
    industry: [['プラスチック製品製造業', 2], ['輸送用機械器具製造業', 1]],
    suffixes: ['コンポジット', '複合材', '化工', 'テクノ'],
    employees: [5, 120],
    weight: 1.5,
    aerospace: true,
  },
  plater: {
    core: ['plating'],
    needs: ['polishing', 'blasting', 'logistics'],
    optional: ['electroless-plating', 'polishing', 'cleaning', 'inspection', 'anodizing', 'deburring'],
    industry: one('表面処理業'),
    suffixes: ['鍍金工業', 'メッキ工業', '表面処理', '化工', '鍍金'],
    employees: [8, 130],
    weight: 5,
    automotive: true,
    sdgs: ['六価クロムフリー化', '排水の再利用'],
    offering: ['小ロットめっきの受託'],
  },
  anodizer: {
    core: ['anodizing'],
    needs: ['blasting', 'polishing', 'pad-printing', 'logistics'],
    optional: ['blasting', 'inspection', 'polishing', 'plating', 'pad-printing'],
    industry: one('表面処理業'),
    suffixes: ['アルマイト工業', '表面処理', '化工'],
    employees: [5, 80],
    weight: 2,
    aerospace: true,
  },
  painter: {
    core: [['painting', 'painting', 'powder-coating']],
    needs: ['blasting', 'pad-printing', 'logistics'],
    optional: ['blasting', 'powder-coating', 'painting', 'assembly', 'pad-printing'],
    industry: one('金属製品塗装業'),
    suffixes: ['塗装工業', '塗装', '塗工', 'ペイント工業'],
    employees: [4, 100],
    weight: 4,
    automotive: true,
    sdgs: ['粉体塗装への切替によるVOC削減'],
  },
  heat: {
    core: ['heat-treatment'],
    needs: ['grinding', 'blasting', 'material-testing', 'logistics'],
    optional: ['carburizing', 'nitriding', 'blasting', 'inspection', 'material-testing', 'grinding'],
    industry: one('金属熱処理業'),
    suffixes: ['熱処理', '熱処理工業', '熱錬', '熱工業'],
    employees: [8, 150],
    weight: 3,
    automotive: true,
    aerospace: true,
    sdgs: ['炉の断熱強化による省エネ'],
    offering: ['小ロット熱処理の受託'],
  },
  coating: {
    core: [['coating', 'thermal-spraying']],
    needs: ['blasting', 'polishing'],
    optional: ['blasting', 'polishing', 'coating', 'thermal-spraying', 'grinding', 'inspection'],
    industry: one('表面処理業'),
    suffixes: ['コーティング', '表面技研', '溶射工業'],
    employees: [5, 80],
    weight: 1.5,
  },
  press: {
    core: ['press-working'],
    needs: ['press-die-making', 'welding', 'plating', 'painting', 'assembly'],
    optional: ['progressive-die-press', 'press-die-making', 'spot-welding', 'deep-drawing', 'welding', 'assembly'],
    industry: [['金属製品製造業', 3], ['輸送用機械器具製造業', 1]],
    suffixes: ['プレス工業', '製作所', '工業', '金属工業', 'プレス'],
    employees: [6, 260],
    weight: 7,
    automotive: true,
    sdgs: ['端材・スクラップのリサイクル'],
  },
  sheetMetal: {
    core: ['sheet-metal'],
    needs: ['powder-coating', 'painting', 'plating', 'welding'],
    optional: ['laser-cutting', 'bending', 'welding', 'punching', 'tig-welding', 'powder-coating', 'assembly', 'laser-welding'],
    industry: one('金属製品製造業'),
    suffixes: ['板金', '板金工業', '製作所', '工業', 'テック'],
    employees: [4, 120],
    weight: 7,
    offering: ['筐体の一品もの対応'],
  },
  fabrication: {
    core: ['fabrication', 'welding'],
    needs: ['blasting', 'painting', 'non-destructive-testing', 'cnc-machining'],
    optional: ['tig-welding', 'robot-welding', 'material-cutting', 'non-destructive-testing', 'cnc-machining', 'painting', 'blasting'],
    industry: [['金属製品製造業', 3], ['生産用機械器具製造業', 1]],
    suffixes: ['鉄工所', '工業', '製作所', '鉄工', '溶接工業'],
    employees: [4, 150],
    weight: 5,
    offering: ['大物製缶の対応'],
  },
  spinningPipe: {
    core: [['spinning', 'pipe-bending']],
    needs: ['polishing', 'welding', 'plating'],
    optional: ['tig-welding', 'polishing', 'brazing', 'welding', 'spinning', 'pipe-bending'],
    industry: one('金属製品製造業'),
    suffixes: ['製作所', '工業', '絞り工業', 'パイプ工業'],
    employees: [1, 40],
    weight: 2,
  },
  forging: {
    core: [['forging', 'cold-forging']],
    needs: ['heat-treatment', 'cnc-machining', 'blasting'],
    optional: ['heat-treatment', 'lathe-turning', 'blasting', 'cnc-machining', 'cold-forging'],
    industry: one('鉄鋼業'),
    suffixes: ['鍛造', '鍛工', '鍛造所', 'フォージング'],
    employees: [15, 260],
    weight: 2,
    automotive: true,
  },
  casting: {
    core: [['casting', 'investment-casting']],
    needs: ['cnc-machining', 'blasting', 'non-destructive-testing', '3d-printing'],
    optional: ['blasting', 'cnc-machining', 'heat-treatment', 'non-destructive-testing'],
    industry: [['鉄鋼業', 2], ['非鉄金属製造業', 1]],
    suffixes: ['鋳造', '鋳工所', '鋳物', '鋳造所'],
    employees: [8, 200],
    weight: 3,
    automotive: true,
    sdgs: ['鋳物砂の再生利用'],
  },
  dieCasting: {
    core: ['die-casting'],
    needs: ['mold-making', 'mold-repair', 'cnc-machining', 'powder-coating'],
    optional: ['deburring', 'cnc-machining', 'mold-repair', 'powder-coating', 'assembly', 'non-destructive-testing'],
    industry: one('非鉄金属製造業'),
    suffixes: ['ダイカスト工業', '軽合金', 'ダイカスト'],
    employees: [20, 300],
    weight: 2.5,
    automotive: true,
    sdgs: ['アルミ再生地金の利用'],
  },
  spring: {
    core: ['spring-making'],
    needs: ['heat-treatment', 'plating', 'powder-coating'],
    optional: ['press-working', 'heat-treatment', 'inspection', 'assembly'],
    industry: one('金属製品製造業'),
    suffixes: ['発條', 'スプリング', '発條製作所'],
    employees: [4, 100],
    weight: 1.5,
    automotive: true,
    medical: true,
  },
  ems: {
    core: ['smt-mounting'],
    needs: ['pcb-design', 'wire-harness', 'environmental-testing', 'embedded-software'],
    optional: ['electronics-assembly', 'inspection', 'pcb-design', 'wire-harness', 'embedded-software', 'environmental-testing'],
    industry: one('電子部品・デバイス・電子回路製造業'),
    suffixes: ['電子', '電装', 'エレクトロニクス', '電子工業'],
    employees: [10, 260],
    weight: 4,
    automotive: true,
    medical: true,
    offering: ['多品種少量の基板実装'],
  },
  harness: {
    core: ['wire-harness'],
    needs: ['electronics-assembly', 'control-panel'],
    optional: ['electronics-assembly', 'assembly', 'inspection', 'control-panel'],
    industry: one('電気機械器具製造業'),
    suffixes: ['電装', '電線加工', '電工'],
    employees: [5, 150],
    weight: 2.5,
    automotive: true,
  },
  panel: {
    core: ['control-panel'],
    needs: ['sheet-metal', 'painting', 'electrical-design', 'wire-harness'],
    optional: ['electrical-design', 'wire-harness', 'automation-si', 'sheet-metal', 'iot-monitoring'],
    industry: one('電気機械器具製造業'),
    suffixes: ['電機', '電設', '制御', '電機製作所'],
    employees: [4, 100],
    weight: 3,
  },
  software: {
    core: [['embedded-software', 'software']],
    needs: ['pcb-design', 'electronics-assembly', 'automation-si'],
    optional: ['iot-monitoring', 'pcb-design', 'software', 'embedded-software'],
    industry: one('ソフトウェア業'),
    suffixes: ['システムズ', 'ソフト', 'テクノ', 'ラボ'],
    employees: [3, 60],
    weight: 1.5,
    offering: ['工場IoTの導入相談'],
  },
  sier: {
    core: ['automation-si'],
    needs: ['control-panel', 'electrical-design', 'cnc-machining', 'sheet-metal'],
    optional: ['special-machine', 'design', 'electrical-design', 'jig-fixture-design', 'control-panel', 'iot-monitoring', 'software'],
    industry: one('生産用機械器具製造業'),
    suffixes: ['テクノ', 'エンジニアリング', '技研', 'オートメーション', '機工'],
    employees: [4, 120],
    weight: 3,
    offering: ['ロボット導入の無料相談', '省力化装置の設計製作'],
  },
  assembler: {
    core: [['assembly', 'unit-assembly']],
    needs: ['cnc-machining', 'press-working', 'injection-molding', 'sheet-metal'],
    optional: ['inspection', 'cleaning', 'packaging', 'unit-assembly', 'assembly', 'electronics-assembly'],
    industry: [['はん用機械器具製造業', 2], ['業務用機械器具製造業', 1], ['電気機械器具製造業', 1], ['輸送用機械器具製造業', 1]],
    suffixes: ['工業', '製作所', 'テクノ', '産業'],
    employees: [8, 260],
    weight: 4,
    automotive: true,
    medical: true,
    offering: ['繁忙期の組立応援'],
  },
  lab: {
    core: [['3d-measurement', 'non-destructive-testing', 'environmental-testing', 'material-testing']],
    needs: [],
    optional: ['3d-measurement', 'non-destructive-testing', 'environmental-testing', 'material-testing', 'calibration', 'reverse-engineering', 'inspection'],
    industry: one('技術サービス業'),
    suffixes: ['計測', '検査技研', '試験所', '計測技研'],
    employees: [3, 80],
    weight: 2,
    aerospace: true,
    offering: ['測定データの報告書作成'],
  },
  design: {
    core: ['design'],
    needs: ['prototyping', 'cnc-machining', '3d-printing', 'mold-making'],
    optional: ['cad-cam', 'cae-analysis', 'prototyping', '3d-printing', 'reverse-engineering', 'jig-fixture-design'],
    industry: one('機械設計業'),
    suffixes: ['設計', '技研', 'デザイン', 'エンジニアリング'],
    employees: [1, 40],
    weight: 2,
    offering: ['設計の相談', '3Dデータ化の代行'],
  },
  prototype: {
    core: ['prototyping'],
    needs: ['anodizing', 'painting', '3d-measurement', 'vacuum-forming'],
    optional: ['3d-printing', '5-axis-machining', 'cnc-machining', 'vacuum-forming', 'sheet-metal', 'plastic-machining', 'reverse-engineering'],
    industry: [['金属製品製造業', 1], ['生産用機械器具製造業', 1]],
    suffixes: ['試作', '技研', 'ラボ', 'モデル'],
    employees: [3, 60],
    weight: 2,
    medical: true,
    offering: ['1個からの試作'],
  },
  jig: {
    core: ['jig-fixture-design'],
    needs: ['cnc-machining', 'anodizing', 'automation-si'],
    optional: ['cnc-machining', 'design', 'assembly', 'special-machine'],
    industry: one('生産用機械器具製造業'),
    suffixes: ['技研', '精機', '製作所'],
    employees: [3, 60],
    weight: 2,
  },
  logistics: {
    core: ['logistics'],
    needs: ['packaging', 'warehousing'],
    optional: ['warehousing', 'packaging'],
    industry: one('道路貨物運送業'),
    suffixes: ['運輸', '物流', '運送', 'ロジスティクス'],
    employees: [10, 150],
    weight: 1.5,
    sdgs: ['共同配送によるCO2削減'],
    offering: ['帰り便の空きスペース'],
  },
  packaging: {
    core: ['packaging'],
    needs: ['logistics', 'woodworking'],
    optional: ['warehousing', 'logistics', 'woodworking', 'inspection'],
    industry: one('こん包業'),
    suffixes: ['梱包', '包装', 'パック', '梱包工業'],
    employees: [5, 80],
    weight: 1,
  },
  maintenance: {
    core: ['maintenance'],
    needs: ['cnc-machining', 'control-panel'],
    optional: ['calibration', 'iot-monitoring', 'training', 'special-machine', 'unit-assembly'],
    industry: one('機械修理業'),
    suffixes: ['メンテナンス', '機械サービス', 'テクニカ', '機工'],
    employees: [3, 60],
    weight: 1.5,
    offering: ['工作機械の修理・オーバーホール'],
  },
  textile: {
    core: ['textile'],
    needs: ['composite-molding', 'packaging'],
    optional: ['composite-molding', 'packaging', 'inspection'],
    industry: one('繊維工業'),
    suffixes: ['織物', '繊維', 'テキスタイル', '織布工業'],
    employees: [3, 100],
    weight: 1.5,
    sdgs: ['残反のアップサイクル'],
  },
  wood: {
    core: ['woodworking'],
    needs: ['painting', 'packaging'],
    optional: ['painting', 'assembly', 'packaging'],
    industry: [['家具・装備品製造業', 1], ['木材・木製品製造業', 1]],
    suffixes: ['木工所', '木材工業', '家具製作所', '木工'],
    employees: [2, 60],
    weight: 1,
    sdgs: ['国産材の活用'],
    offering: ['輸出用木箱の製作'],
  },
  food: {
    core: ['food-processing'],
    needs: ['packaging', 'logistics', 'warehousing'],
    optional: ['packaging', 'warehousing', 'inspection'],
    industry: one('食料品製造業'),
    suffixes: ['食品', '食品工業', 'フーズ'],
    employees: [10, 200],
    weight: 1.5,
    sdgs: ['食品ロスの削減'],
  },
  polishing: {
    core: [['polishing', 'deburring']],
    needs: ['plating', 'cleaning'],
    optional: ['polishing', 'deburring', 'cleaning', 'plating'],
    industry: one('表面処理業'),
    suffixes: ['研磨', '研磨工業', '製作所'],
    employees: [1, 40],
    weight: 2,
  },
  joining: {
    core: [['laser-welding', 'laser-welding', 'brazing', 'tig-welding', 'spot-welding']],
    needs: ['sheet-metal', 'cleaning', 'laser-cutting'],
    optional: ['tig-welding', 'sheet-metal', 'laser-cutting', 'cleaning', 'brazing', 'laser-welding', 'mold-repair', 'spot-welding'],
    industry: one('金属製品製造業'),
    suffixes: ['溶接技研', '工業', '製作所', '接合技研'],
    employees: [3, 60],
    weight: 1.5,
  },
  plasticMachining: {
    core: ['plastic-machining'],
    needs: ['cnc-machining', 'vacuum-forming', 'pad-printing'],
    optional: ['cnc-machining', 'inspection', 'prototyping', 'vacuum-forming', 'assembly'],
    industry: one('プラスチック製品製造業'),
    suffixes: ['樹脂加工', '化成', '製作所', '工業'],
    employees: [3, 60],
    weight: 1.5,
    medical: true,
  },
} satisfies Record<string, Archetype>;
type ArchetypeKey = keyof typeof ARCHETYPES;
const ARCH: Record<ArchetypeKey, Archetype> = ARCHETYPES;
const ARCH_KEYS = Object.keys(ARCH) as ArchetypeKey[];

// ── equipment per capability (1–4 per company, drawn from its own capabilities) ─────
const EQUIPMENT: Record<string, readonly string[]> = {
  'cnc-machining': ['立形マシニングセンタ', '横形マシニングセンタ', '門形マシニングセンタ', '高速マシニングセンタ'],
  'lathe-turning': ['NC旋盤', '複合加工機', '汎用旋盤'],
  'automatic-lathe': ['主軸移動型CNC自動盤', 'カム式自動盤'],
  milling: ['汎用フライス盤', 'NCフライス盤'],
  '5-axis-machining': ['5軸マシニングセンタ', '同時5軸制御マシニングセンタ'],
  'deep-hole-drilling': ['ガンドリルマシン', 'BTA深穴加工機'],
  'gear-cutting': ['ホブ盤', '歯車形削り盤', '歯車研削盤'],
  edm: ['形彫り放電加工機', '細穴放電加工機'],
  'wire-edm': ['ワイヤー放電加工機'],
  'plastic-machining': ['NCルーター', '立形マシニングセンタ'],
  'material-cutting': ['自動バンドソー', '高速切断機'],
  grinding: ['円筒研削盤', '平面研削盤', 'センタレス研削盤', '内面研削盤'],
  'precision-grinding': ['ジグ研削盤', '成形研削盤', '超精密平面研削盤'],
  polishing: ['自動バフ研磨機', '電解研磨装置'],
  deburring: ['バリ取りロボット', '振動バレル研磨機'],
  'press-working': ['サーボプレス (200t)', '機械プレス (110t)', '油圧プレス (300t)'],
  'progressive-die-press': ['順送プレス (300t)', '高速精密プレス (80t)'],
  'deep-drawing': ['深絞り用油圧プレス (500t)', 'トランスファープレス (400t)'],
  'sheet-metal': ['パンチ・レーザー複合機', '板金展開CAD'],
  bending: ['プレスブレーキ (100t)', 'ベンディングロボット'],
  'laser-cutting': ['ファイバーレーザー加工機 (6kW)', 'CO2レーザー加工機'],
  punching: ['タレットパンチプレス'],
  spinning: ['NCスピニングマシン', 'へら絞り旋盤'],
  'pipe-bending': ['NCパイプベンダー', 'パイプ端末加工機'],
  forging: ['鍛造プレス (1600t)', 'エアハンマー', '誘導加熱炉'],
  'cold-forging': ['冷間圧造機 (ヘッダー)', '冷間鍛造プレス (630t)'],
  'spring-making': ['CNCコイリングマシン', 'フォーミングマシン', '低温焼鈍炉'],
  welding: ['CO2半自動溶接機', '溶接ポジショナー'],
  'tig-welding': ['TIG溶接機'],
  'laser-welding': ['ファイバーレーザー溶接機', 'ハンディレーザー溶接機'],
  'spot-welding': ['定置式スポット溶接機', 'ロボットスポット溶接機'],
  'robot-welding': ['アーク溶接ロボット'],
  brazing: ['連続式ろう付け炉', '高周波ろう付け装置'],
  fabrication: ['天井クレーン (10t)', '大型ベンディングロール', '門形マシニングセンタ'],
  casting: ['高周波誘導溶解炉', '生型造型機', '自硬性砂型造型ライン'],
  'die-casting': ['ダイカストマシン (350t)', 'ダイカストマシン (800t)', 'トリミングプレス'],
  'investment-casting': ['ワックス射出機', '脱ろうオートクレーブ'],
  'mold-making': ['高速マシニングセンタ', 'CAD/CAMシステム', '形彫り放電加工機'],
  'press-die-making': ['ワイヤー放電加工機', '成形研削盤', 'トライ用プレス (200t)'],
  'mold-repair': ['肉盛り用レーザー溶接機', 'ドライアイス金型洗浄機'],
  'injection-molding': ['射出成形機 (50t)', '射出成形機 (100t)', '射出成形機 (180t)', '射出成形機 (350t)', '射出成形機 (650t)', '取出しロボット', '金型温調機'],
  'insert-molding': ['竪型射出成形機 (40t)'],
  'blow-molding': ['ブロー成形機'],
  extrusion: ['単軸押出成形機', '異形押出ライン'],
  'rubber-molding': ['ゴム圧縮成形機', 'ゴム射出成形機', '加硫缶'],
  'vacuum-forming': ['真空成形機', '5軸NCトリミングマシン'],
  'composite-molding': ['オートクレーブ', 'プリプレグ自動裁断機', 'ホットプレス'],
  plating: ['自動めっきライン', 'バレルめっき装置', '蛍光X線膜厚計', '排水処理設備'],
  'electroless-plating': ['無電解ニッケルめっきライン'],
  anodizing: ['アルマイト処理ライン', '硬質アルマイト設備'],
  painting: ['塗装ブース', '焼付乾燥炉', '電着塗装ライン', '塗装ロボット'],
  'powder-coating': ['粉体塗装ライン', '粉体塗装ブース'],
  'heat-treatment': ['真空熱処理炉', '連続式メッシュベルト炉', '高周波焼入れ装置', '焼戻し炉'],
  carburizing: ['ガス浸炭炉', '真空浸炭炉'],
  nitriding: ['ガス軟窒化炉', 'イオン窒化炉'],
  blasting: ['ショットブラスト機', 'サンドブラスト装置'],
  coating: ['PVDコーティング装置', 'DLCコーティング装置'],
  'thermal-spraying': ['プラズマ溶射装置', 'HVOF溶射装置'],
  'pad-printing': ['パッド印刷機', 'スクリーン印刷機'],
  'pcb-design': ['基板設計CAD'],
  'smt-mounting': ['高速チップマウンター', 'リフロー炉', 'はんだ印刷機', 'AOI検査装置'],
  'electronics-assembly': ['フローはんだ槽', '卓上はんだ付けロボット'],
  'wire-harness': ['全自動圧着機', '導通検査機', '半自動圧接機'],
  'control-panel': ['耐電圧試験器', '端子圧着機', '銘板彫刻機'],
  'electrical-design': ['電気CAD'],
  'embedded-software': ['インサーキットエミュレーター', 'オシロスコープ'],
  assembly: ['組立コンベアライン', 'トルク管理ドライバー'],
  'unit-assembly': ['クリーンルーム (クラス10000)', '天井クレーン (2.8t)'],
  inspection: ['画像検査装置', '画像寸法測定器', '工具顕微鏡'],
  '3d-measurement': ['三次元測定機', '非接触三次元測定機'],
  'non-destructive-testing': ['超音波探傷器', 'X線透過装置', '磁粉探傷装置'],
  cleaning: ['超音波洗浄機', '炭化水素洗浄機', '真空乾燥機'],
  design: ['3次元CAD', '2次元CAD'],
  'cad-cam': ['CAD/CAMシステム', '3次元CAD'],
  'cae-analysis': ['構造解析ソフト', '流体解析ソフト'],
  prototyping: ['真空注型機', '樹脂3Dプリンター'],
  '3d-printing': ['金属3Dプリンター', '樹脂3Dプリンター', '光造形機'],
  'reverse-engineering': ['3Dスキャナー', '産業用X線CT'],
  'jig-fixture-design': ['立形マシニングセンタ', '3次元CAD'],
  'automation-si': ['産業用ロボット', '協働ロボット', 'ロボットシミュレーター'],
  'special-machine': ['組立定盤 (大型)', '天井クレーン (2.8t)'],
  'iot-monitoring': ['IoTゲートウェイ', '稼働監視センサーキット'],
  textile: ['レピア織機', '工業用ミシン', 'CAD連動裁断機'],
  woodworking: ['NCルーター', 'パネルソー', '木工用5軸加工機'],
  'food-processing': ['充填機', '急速冷凍庫', '金属検出機'],
  logistics: ['4tトラック', '10tトラック', 'フォークリフト'],
  packaging: ['自動梱包機', 'ストレッチフィルム包装機', '真空包装機'],
  warehousing: ['自動倉庫', '定温倉庫'],
  maintenance: ['振動解析計', 'サーモグラフィカメラ'],
  calibration: ['標準ゲージブロック', '恒温測定室'],
  'environmental-testing': ['恒温恒湿槽', '冷熱衝撃試験機', '振動試験機', '塩水噴霧試験機'],
  'material-testing': ['万能試験機', 'ビッカース硬さ試験機', '蛍光X線分析装置'],
  software: ['IoTゲートウェイ', '検証用PLC'],
  training: ['研修用NC旋盤', '溶接訓練ブース'],
};

// ── places ───────────────────────────────────────────────────────────────────
/** Real municipalities per prefecture (short name → cities). */
const CITIES: Record<string, readonly string[]> = {
  北海道: ['札幌市', '苫小牧市', '旭川市', '室蘭市', '帯広市', '石狩市'],
  岩手: ['北上市', '奥州市', '花巻市', '一関市', '盛岡市'],
  宮城: ['仙台市', '名取市', '大崎市', '岩沼市', '栗原市', '大和町'],
  秋田: ['秋田市', '横手市', '大仙市', '由利本荘市'],
  山形: ['山形市', '米沢市', '天童市', '鶴岡市', '寒河江市', '東根市'],
  福島: ['郡山市', 'いわき市', '福島市', '会津若松市', '須賀川市'],
  茨城: ['日立市', 'ひたちなか市', '土浦市', 'つくば市', '古河市', '筑西市'],
  栃木: ['宇都宮市', '小山市', '栃木市', '足利市', '佐野市', '真岡市'],
  群馬: ['太田市', '伊勢崎市', '高崎市', '前橋市', '館林市', '桐生市'],
  埼玉: ['川口市', 'さいたま市', '川越市', '所沢市', '八潮市', '草加市', '狭山市', '熊谷市'],
  千葉: ['千葉市', '市原市', '船橋市', '柏市', '野田市'],
  東京: ['大田区', '墨田区', '葛飾区', '板橋区', '品川区', '足立区', '八王子市', '府中市'],
  神奈川: ['横浜市', '川崎市', '相模原市', '厚木市', '平塚市', '藤沢市', '綾瀬市'],
  新潟: ['燕市', '三条市', '長岡市', '新潟市', '上越市', '柏崎市'],
  富山: ['富山市', '高岡市', '射水市', '砺波市', '魚津市', '黒部市'],
  石川: ['金沢市', '小松市', '白山市', '能美市', '野々市市', '加賀市'],
  福井: ['福井市', '鯖江市', '坂井市', '越前市', '敦賀市'],
  山梨: ['甲府市', '南アルプス市', '韮崎市', '中央市', '笛吹市'],
  長野: ['諏訪市', '岡谷市', '松本市', '上田市', '長野市', '伊那市', '茅野市', '坂城町'],
  岐阜: ['岐阜市', '関市', '大垣市', '各務原市', '可児市', '美濃加茂市', '多治見市'],
  静岡: ['浜松市', '静岡市', '磐田市', '富士市', '沼津市', '湖西市', '掛川市', '袋井市'],
  愛知: ['名古屋市', '豊田市', '刈谷市', '安城市', '岡崎市', '豊橋市', '小牧市', '春日井市', '一宮市', '西尾市', '碧南市'],
  三重: ['四日市市', '鈴鹿市', '津市', '亀山市', '桑名市', '伊賀市'],
  滋賀: ['草津市', '栗東市', '甲賀市', '湖南市', '彦根市', '東近江市', '長浜市'],
  京都: ['京都市', '宇治市', '亀岡市', '福知山市', '久御山町', '八幡市'],
  大阪: ['東大阪市', '大阪市', '八尾市', '堺市', '門真市', '枚方市', '守口市', '大東市'],
  兵庫: ['神戸市', '姫路市', '尼崎市', '加古川市', '明石市', '伊丹市', '三木市'],
  奈良: ['大和郡山市', '奈良市', '橿原市', '天理市'],
  和歌山: ['和歌山市', '海南市', '紀の川市'],
  岡山: ['岡山市', '倉敷市', '総社市', '津山市', '赤磐市'],
  広島: ['広島市', '福山市', '東広島市', '呉市', '三原市', '府中町'],
  山口: ['宇部市', '周南市', '下関市', '防府市'],
  徳島: ['徳島市', '阿南市', '鳴門市'],
  香川: ['高松市', '丸亀市', '坂出市', '観音寺市'],
  愛媛: ['松山市', '今治市', '新居浜市', '西条市', '四国中央市'],
  福岡: ['北九州市', '福岡市', '久留米市', '飯塚市', '苅田町', '大牟田市'],
  長崎: ['長崎市', '佐世保市', '諫早市'],
  熊本: ['熊本市', '菊陽町', '合志市', '八代市', '大津町'],
  大分: ['大分市', '中津市', '宇佐市'],
  鹿児島: ['霧島市', '鹿児島市', '薩摩川内市'],
};
/** Well-known local clusters: archetype → prefecture → cities it favours. */
const CITY_HINTS: Partial<Record<ArchetypeKey, Record<string, readonly string[]>>> = {
  polishing: { 新潟: ['燕市'], 福井: ['鯖江市'] },
  forging: { 新潟: ['三条市'], 兵庫: ['三木市'], 大阪: ['東大阪市'] },
  casting: { 埼玉: ['川口市'], 山形: ['山形市'], 富山: ['高岡市'] },
  press: { 大阪: ['東大阪市', '八尾市'], 東京: ['墨田区', '葛飾区'], 愛知: ['豊田市', '刈谷市', '安城市'] },
  machining: { 東京: ['大田区'], 長野: ['坂城町', '諏訪市'], 新潟: ['長岡市'] },
  turned: { 長野: ['諏訪市', '岡谷市'] },
  prototype: { 東京: ['大田区'] },
  mold: { 岐阜: ['各務原市', '岐阜市'], 富山: ['射水市'] },
  anodizer: { 富山: ['高岡市', '射水市'] },
  textile: { 石川: ['白山市', '小松市'], 福井: ['坂井市', '福井市'], 岡山: ['倉敷市'], 愛知: ['一宮市'] },
  ems: { 長野: ['伊那市', '茅野市'], 熊本: ['菊陽町', '合志市'] },
  composite: { 岐阜: ['各務原市'], 愛知: ['名古屋市'], 福井: ['坂井市'] },
  spring: { 大阪: ['東大阪市'] },
  fabrication: { 茨城: ['日立市'], 広島: ['呉市'], 福岡: ['北九州市'] },
  panel: { 茨城: ['日立市', 'ひたちなか市'] },
  wood: { 静岡: ['静岡市'], 岐阜: ['多治見市'] },
};

type Weights = Partial<Record<ArchetypeKey, number>>;
interface PrefPlan {
  count: number;
  /** Archetypes placed before the random fill, so the chains surely exist there. */
  forced?: Weights;
  /** Multipliers on the national archetype weights (local specialities). */
  boost?: Weights;
}
const PLAN: Record<string, PrefPlan> = {
  愛知: {
    count: 46,
    forced: { mold: 4, molder: 5, plater: 3, painter: 2, assembler: 3, press: 4, pressDie: 2, heat: 2, machining: 4, gear: 1, dieCasting: 1, forging: 1, sier: 1, coating: 1, joining: 1, spring: 1 },
    boost: { press: 2, machining: 1.5, heat: 2, dieCasting: 2, casting: 1.5, sier: 2, gear: 2, forging: 1.5, harness: 1.5 },
  },
  大阪: {
    count: 36,
    forced: { press: 5, pressDie: 1, sheetMetal: 3, fabrication: 3, painter: 2, plater: 2, assembler: 1, spring: 1, forging: 1, spinningPipe: 1, heat: 1 },
    boost: { press: 2, sheetMetal: 1.5, fabrication: 1.5, plater: 1.5, spring: 3, forging: 2, spinningPipe: 2, joining: 2 },
  },
  東京: {
    count: 20,
    forced: { prototype: 2, design: 2, lab: 1, software: 1, machining: 2 },
    boost: { prototype: 4, design: 3, software: 4, lab: 2, ems: 2, machining: 1.5, plater: 1.5, press: 1.2, textile: 0.3, food: 0.5 },
  },
  静岡: {
    count: 24,
    forced: { mold: 2, molder: 3, plater: 2, assembler: 2, painter: 1, dieCasting: 1, machining: 2, wood: 1, food: 1, coating: 1 },
    boost: { molder: 2, dieCasting: 2, gear: 1.5, press: 1.5, wood: 2, food: 2 },
  },
  埼玉: { count: 16, forced: { casting: 2, logistics: 1, plasticMachining: 1, heat: 1 }, boost: { casting: 4, machining: 1.5, press: 1.5, food: 2, plasticMachining: 2, logistics: 2 } },
  神奈川: { count: 16, forced: { sier: 1, lab: 1, machining: 1, joining: 1 }, boost: { machining: 1.5, ems: 2, design: 2, sier: 2, lab: 2, plater: 1.5, assembler: 1.5 } },
  新潟: {
    count: 16,
    forced: { mold: 1, molder: 2, plater: 1, machining: 2, polishing: 2, assembler: 1, forging: 1, spinningPipe: 1, heat: 1 },
    boost: { polishing: 4, spinningPipe: 2, forging: 2, machining: 2, fabrication: 1.5 },
  },
  長野: { count: 14, forced: { machining: 2, turned: 2, ems: 2, grinding: 1, heat: 1, spring: 1 }, boost: { machining: 2, turned: 3, ems: 3, grinding: 2, lab: 1.5, assembler: 1.5 } },
  岐阜: {
    count: 15,
    forced: { mold: 3, molder: 2, plater: 1, assembler: 1, painter: 1, composite: 1 },
    boost: { mold: 2, composite: 3, machining: 1.5, polishing: 2, heat: 1.5, wood: 1.5 },
  },
  兵庫: {
    count: 16,
    forced: { press: 3, fabrication: 2, painter: 2, plater: 1, assembler: 1, rubber: 1, forging: 1, coating: 1 },
    boost: { fabrication: 2.5, forging: 2, casting: 2, rubber: 3, press: 1.5 },
  },
  福岡: { count: 10, forced: { fabrication: 1, machining: 1, logistics: 1, software: 1 }, boost: { fabrication: 2, machining: 1.5, press: 1.5, ems: 1.5, panel: 1.5, logistics: 1.5 } },
  広島: { count: 10, forced: { forging: 1, casting: 1, fabrication: 1, press: 1 }, boost: { casting: 2, forging: 2, press: 2, fabrication: 2, machining: 1.5, painter: 1.5 } },
  群馬: { count: 8, forced: { press: 1, machining: 1, molder: 1 }, boost: { press: 2, machining: 1.5, molder: 1.5, painter: 1.5, assembler: 1.5 } },
  栃木: { count: 7, boost: { machining: 1.5, press: 1.5, assembler: 1.5, molder: 1.5 } },
  茨城: { count: 8, forced: { fabrication: 1, panel: 1 }, boost: { fabrication: 3, panel: 3, machining: 1.5 } },
  富山: {
    count: 9,
    forced: { mold: 1, molder: 1, plater: 1, anodizer: 1, machining: 1, plastics: 1 },
    boost: { anodizer: 4, plastics: 2, mold: 2, plater: 2 },
  },
  石川: { count: 7, forced: { textile: 1, machining: 1 }, boost: { machining: 2, textile: 3, sier: 1.5, assembler: 1.5 } },
  福井: { count: 6, forced: { textile: 2, composite: 1 }, boost: { textile: 4, composite: 3, polishing: 2, plater: 2 } },
  山形: { count: 7, forced: { molder: 1, machining: 1, ems: 1 }, boost: { ems: 2, machining: 2, casting: 2 } },
  宮城: { count: 6, forced: { ems: 1, machining: 1 }, boost: { ems: 2, machining: 1.5, molder: 1.5, food: 1.5 } },
  岡山: { count: 7, forced: { textile: 1, rubber: 1 }, boost: { rubber: 2, textile: 3, fabrication: 2, press: 1.5 } },
  熊本: { count: 6, forced: { ems: 1, maintenance: 1 }, boost: { ems: 3, machining: 1.5, maintenance: 2, lab: 1.5 } },
  京都: { count: 8, forced: { lab: 1 }, boost: { ems: 2, lab: 2, machining: 1.5, design: 1.5 } },
  滋賀: { count: 7, forced: { plastics: 1, molder: 1 }, boost: { molder: 2, plastics: 2, machining: 1.5 } },
  三重: { count: 9, forced: { molder: 1 }, boost: { molder: 2, press: 1.5, ems: 1.5, machining: 1.5 } },
  北海道: { count: 8, forced: { molder: 1, machining: 2, fabrication: 1, food: 2, maintenance: 1 }, boost: { food: 4, fabrication: 2, machining: 1.5, maintenance: 1.5, logistics: 1.5 } },
  千葉: { count: 4, forced: { logistics: 1 }, boost: { fabrication: 2, food: 2, logistics: 2 } },
  山梨: { count: 4, boost: { machining: 2, ems: 1.5 } },
  福島: { count: 4, boost: { ems: 2, machining: 1.5 } },
  岩手: { count: 3, boost: { ems: 1.5, machining: 1.5 } },
  山口: { count: 3, boost: { fabrication: 2 } },
  香川: { count: 3, boost: { fabrication: 1.5 } },
  愛媛: { count: 3, boost: { fabrication: 2, textile: 2 } },
  大分: { count: 3, boost: { ems: 1.5 } },
  奈良: { count: 3, boost: { plastics: 1.5 } },
  和歌山: { count: 2, boost: { textile: 1.5 } },
  秋田: { count: 2, boost: { ems: 2 } },
  長崎: { count: 2, boost: { fabrication: 2 } },
  鹿児島: { count: 2, boost: { ems: 1.5, food: 2 } },
  徳島: { count: 2, boost: { ems: 1.5 } },
};
/** Archetypes that make little sense as a whole company outside of their usual clusters. */
const RARE_WEIGHT: Weights = { composite: 0.5, software: 0.7, food: 0.6, textile: 0.6, wood: 0.6 };

// ── names ────────────────────────────────────────────────────────────────────
const STEMS = [
  '青葉', '三ツ星', '東和', 'ひかり', '朝凪', '若竹', '千歳', '白鷺', '大栄', '翠風', '旭日', '双葉', '明星', '瑞穂',
  '鶴見', '松風', '清流', '翠嶺', '蒼天', '富嶽', '丸栄', '北斗', '南風', '宝永', '星和', '暁', '陽光', '昭栄', '弥生',
  '睦', '葵', '楓', '桜台', '梅園', '杉の子', '柊', '椿', '若葉', '常盤', '和光', '信和', '誠和', '泰平', '隆盛', '丸和',
  '共栄', '一誠', '岬', '稲穂', '雲雀', '飛鳥', '新星', 'あけぼの', 'みどり', 'さくら', 'つばさ', 'かなで', '銀河',
  '白峰', '朝日野', '月見', '夕凪', '清和', '朱鷺野', '栄進', '豊和', '幸和', '恵比寿', '七宝', '千草', '錦', '浜風',
  '緑ヶ丘', '山吹', '紅葉', '白樺', '秋桜', '日向', '小春', '大樹', '日輪', '蒼穹', '丸三', '八雲', '輝', '協進',
  '進和', '泉', '竜鳳', '朝霧', '若潮', '菫', '蓬莱', '久遠', '三葉', '星野原', '青嵐', '金剛', '青磁', '昇陽',
];
const usedNames = new Set<string>();
function companyName(arch: Archetype, employees: number): { name: string; form: '株式会社' | '有限会社' } {
  const form = employees <= 30 && chance(0.22) ? '有限会社' : '株式会社';
  for (let attempt = 0; attempt < 500; attempt++) {
    const base = pick(STEMS) + pick(arch.suffixes);
    if ([...usedNames].some((n) => n.endsWith(base))) continue; // keep the part after 株式会社/有限会社 unique
    const name = form + base;
    usedNames.add(name);
    return { name, form };
  }
  throw new Error('ran out of company names; add stems');
}

// ── other cells ──────────────────────────────────────────────────────────────
const AUTO_PREFS = new Set(['愛知', '静岡', '群馬', '栃木', '広島', '三重', '神奈川', '福岡', '岐阜', '埼玉', '宮城', '岩手', '大分', '熊本', '岡山', '山口']);
const AERO_PREFS = new Set(['愛知', '岐阜', '兵庫', '長野', '東京', '神奈川', '石川', '富山', '三重']);

function employeesFor(arch: Archetype): number {
  const [lo, hi] = arch.employees;
  if (lo <= 4 && chance(0.08)) return int(Math.max(1, lo), 4); // a few tiny workshops
  // log-uniform inside the range: many small firms, few large ones
  const x = Math.exp(Math.log(Math.max(lo, 5)) + rand() * (Math.log(hi) - Math.log(Math.max(lo, 5))));
  return Math.min(300, Math.max(1, Math.round(x)));
}
function capitalFor(employees: number, form: string): number {
  if (form === '有限会社') return pick([3_000_000, 3_000_000, 5_000_000, 8_000_000, 10_000_000]);
  if (employees < 10) return pick([3_000_000, 5_000_000, 10_000_000, 10_000_000, 20_000_000]);
  if (employees < 30) return pick([10_000_000, 10_000_000, 20_000_000, 30_000_000, 35_000_000]);
  if (employees < 100) return pick([20_000_000, 30_000_000, 45_000_000, 48_000_000, 50_000_000, 80_000_000]);
  if (employees < 200) return pick([50_000_000, 80_000_000, 90_000_000, 98_000_000, 100_000_000]);
  return pick([90_000_000, 100_000_000, 150_000_000, 300_000_000]);
}
function certificationsFor(arch: Archetype, pref: string, employees: number): string[] {
  const size = Math.min(1, employees / 80);
  const out: string[] = [];
  const iso9001 = chance(0.15 + 0.6 * size);
  if (arch.automotive && AUTO_PREFS.has(pref) && employees >= 20 && chance(0.15 + 0.3 * size)) out.push('IATF 16949');
  else if (iso9001) out.push('ISO 9001');
  if (arch.aerospace && AERO_PREFS.has(pref) && employees >= 10 && chance(0.4)) out.push('JIS Q 9100');
  if (arch.medical && employees >= 10 && chance(0.08)) out.push('ISO 13485');
  if (chance(0.05 + 0.3 * size)) out.push('ISO 14001');
  else if (employees < 60 && chance(0.1)) out.push('エコアクション21');
  if (chance(0.12)) out.push('健康経営優良法人');
  return out.slice(0, 3);
}
const SDGS_COMMON = [
  '省エネ設備への更新', '太陽光発電の導入', '女性技能者の育成', '高齢技能者の継続雇用', '地元高校へのものづくり出前授業',
  '端材・切粉のリサイクル', 'LED照明への切替', '障がい者雇用の推進', 'CO2排出量の見える化', '再生材の利用',
];
function sdgsFor(arch: Archetype): string[] {
  const n = weighted([[0, 3], [1, 4], [2, 3]] as const);
  const pool = uniq([...(arch.sdgs ?? []), ...(arch.sdgs ?? []), ...SDGS_COMMON]);
  const out: string[] = [];
  while (out.length < n) {
    const s = arch.sdgs && chance(0.4) ? pick(arch.sdgs) : pick(pool);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}
const SEEKING_COMMON = ['繁忙期の協力工場', '販路開拓', '若手育成の共同研修', '共同受注の仲間', '設計できるパートナー', '自社製品開発の相談相手', '省力化・自動化の相談先', '事業承継の相談'];
const SEEKING_BCP = ['BCP連携先', 'BCP連携先（遠方の同業）', '災害時の代替生産先'];
function seekingFor(arch: Archetype, caps: string[], bcp: boolean): string[] {
  const own = new Set(caps);
  const lacking = arch.needs.filter((id) => !own.has(id));
  const out: string[] = [];
  if (lacking.length && chance(0.8)) {
    const name = capName(pick(lacking));
    out.push(pick([`${name}の外注先`, `${name}の協力先`, `近くの${name}業者`]));
  } else if (arch.seeking && chance(0.6)) out.push(pick(arch.seeking));
  const n = out.length === 0 ? 1 : weighted([[0, 5], [1, 5]] as const);
  while (out.length < (out.length === 0 ? 1 : 1 + n) && out.length < 2) {
    const s = bcp && chance(0.45) ? pick(SEEKING_BCP) : chance(0.15) ? pick(SEEKING_BCP) : pick(SEEKING_COMMON);
    if (!out.includes(s)) out.push(s);
    else break;
  }
  return out.slice(0, 2);
}
const OFFERING_BY_CAP: Record<string, readonly string[]> = {
  '5-axis-machining': ['空き時間の5軸加工'],
  '3d-measurement': ['三次元測定の受託'],
  'mold-repair': ['金型修理・メンテナンス'],
  'heat-treatment': ['小ロット熱処理の受託'],
  logistics: ['帰り便の空きスペース', '近距離の共同配送'],
  warehousing: ['空き倉庫スペースの貸出'],
  training: ['若手向け技能研修の受入れ'],
  calibration: ['測定器の校正受託'],
  'environmental-testing': ['環境試験の受託'],
  '3d-printing': ['3Dプリンター造形の受託'],
  'reverse-engineering': ['図面のない部品の図面化'],
  'automation-si': ['ロボット導入の無料相談'],
};
/** Categories of machine processes, for which 「空き時間の…」「小ロットの…」 make sense. */
const PROCESS_CATEGORIES = new Set(['切削', '研削・研磨', '塑性加工', '接合', '鋳造', '表面処理', '樹脂・ゴム']);
function offeringFor(arch: Archetype, caps: string[], bcp: boolean): string[] {
  const out: string[] = [];
  const id = chance(0.6) ? caps[0]! : pick(caps);
  const name = capName(id);
  const specific = OFFERING_BY_CAP[id];
  const category = CAP.get(id)!.category;
  const templates = PROCESS_CATEGORIES.has(category)
    ? [`空き時間の${name}`, `${name}の受託`, `小ロットの${name}`, `${name}の短納期対応`]
    : category === '組立・検査'
      ? [`${name}の受託`, `${name}の短納期対応`, `繁忙期の${name}応援`]
      : category === '金型'
        ? [`${name}の受託`, `${name}の短納期対応`]
      : category === '設計・開発' || category === '電子'
        ? [`${name}の受託`, `${name}の短納期対応`, `${name}の相談対応`]
        : [`${name}の受託`, `${name}の相談対応`];
  out.push(specific && chance(0.7) ? pick(specific) : pick(templates));
  if (chance(0.55)) {
    const extra = bcp && chance(0.4) ? 'BCP時の代替生産' : arch.offering && chance(0.6) ? pick(arch.offering) : pick(['工場見学・研修の受入れ', '共同受注への参加', '試作から量産までの一貫対応', '技術相談']);
    if (!out.includes(extra)) out.push(extra);
  }
  return out;
}
function capabilitiesFor(arch: Archetype): string[] {
  const caps: string[] = [];
  for (const c of arch.core) caps.push(typeof c === 'string' ? c : pick(c));
  const target = Math.min(5, Math.max(2, weighted([[2, 2], [3, 4], [4, 3], [5, 1]] as const)));
  // Optional capabilities are listed most plausible first; earlier ones are drawn more often.
  const left = arch.optional.filter((o) => !caps.includes(o));
  while (caps.length < target && left.length) {
    const o = weighted(left.map((id, i) => [id, 1 / (1 + 0.4 * i)] as const));
    caps.push(o);
    left.splice(left.indexOf(o), 1);
  }
  return caps;
}
/** Auxiliary equipment: never the only or first machine listed for a capability. */
const AUXILIARY = new Set(['取出しロボット', '金型温調機', '蛍光X線膜厚計', '排水処理設備', '板金展開CAD', '溶接ポジショナー', 'トリミングプレス', 'トルク管理ドライバー', '真空乾燥機', 'へら絞り旋盤']);
function equipmentFor(caps: string[]): string[] {
  const n = weighted([[1, 1], [2, 3], [3, 4], [4, 2]] as const);
  const main = (EQUIPMENT[caps[0]!] ?? []).filter((e) => !AUXILIARY.has(e));
  const out: string[] = main.length ? [pick(main)] : [];
  // first the main capability, then round-robin over the others
  const pools = caps.map((id) => shuffle(EQUIPMENT[id] ?? []));
  for (let round = 0; out.length < n && round < 4; round++)
    for (const pool of pools) {
      const e = pool[round];
      if (e && !out.includes(e) && out.length < n) out.push(e);
    }
  if (out.length === 0) throw new Error(`no equipment for ${caps.join(',')}`);
  return out;
}
function dateIn2026(): string {
  const start = Date.UTC(2026, 0, 5);
  const end = Date.UTC(2026, 9, 30);
  return new Date(start + Math.floor(rand() * ((end - start) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

// ── generate ─────────────────────────────────────────────────────────────────
interface Row {
  id: string;
  name: string;
  prefecture: string;
  city: string;
  industry: string;
  capabilities: string[]; // ids while generating
  equipment: string[];
  certifications: string[];
  employees: number;
  capital_jpy: number;
  bcp_certified: boolean;
  sdgs: string[];
  seeking: string[];
  offering: string[];
  contact: string;
  updated_at: string;
  arch: ArchetypeKey;
}

const rows: Row[] = [];
for (const [short, plan] of Object.entries(PLAN)) {
  const pref = PREF.get(short);
  if (!pref) throw new Error(`unknown prefecture "${short}"`);
  const cities = CITIES[short];
  if (!cities) throw new Error(`no cities for ${short}`);
  const archs: ArchetypeKey[] = [];
  for (const [k, n] of Object.entries(plan.forced ?? {}) as [ArchetypeKey, number][]) for (let i = 0; i < n; i++) archs.push(k);
  const weights = ARCH_KEYS.map((k) => [k, ARCH[k].weight * (plan.boost?.[k] ?? RARE_WEIGHT[k] ?? 1)] as const);
  while (archs.length < plan.count) archs.push(weighted(weights));
  for (const key of shuffle(archs)) {
    const arch = ARCH[key];
    const employees = employeesFor(arch);
    const { name, form } = companyName(arch, employees);
    const hint = CITY_HINTS[key]?.[short];
    const caps = capabilitiesFor(arch);
    let industry = weighted(arch.industry);
    if (industry === '金属製品製造業' && arch.automotive && AUTO_PREFS.has(short) && chance(0.2)) industry = '輸送用機械器具製造業';
    rows.push({
      id: '',
      name,
      prefecture: pref.name,
      city: hint && chance(0.7) ? pick(hint) : pick(cities),
      industry,
      capabilities: caps,
      equipment: equipmentFor(caps),
      certifications: certificationsFor(arch, short, employees),
      employees,
      capital_jpy: capitalFor(employees, form),
      bcp_certified: false,
      sdgs: [],
      seeking: [],
      offering: [],
      contact: '支援センター経由',
      updated_at: dateIn2026(),
      arch: key,
    });
  }
}

// Coverage: every capability should be offered by a few companies, so that any search can find someone.
// Thin capabilities are added to companies whose archetype plausibly has them (as an optional or alternative core).
const MIN_PER_CAPABILITY = 3;
for (const c of capTax.capabilities) {
  const holders = () => rows.filter((r) => r.capabilities.includes(c.id)).length;
  const candidates = shuffle(
    rows.filter((r) => {
      const a = ARCH[r.arch];
      const plausible = a.optional.includes(c.id) || a.core.some((x) => typeof x !== 'string' && x.includes(c.id));
      return plausible && !r.capabilities.includes(c.id) && r.capabilities.length < 5;
    }),
  );
  for (const r of candidates) {
    if (holders() >= MIN_PER_CAPABILITY) break;
    r.capabilities.push(c.id);
    const machine = (EQUIPMENT[c.id] ?? []).find((e) => !AUXILIARY.has(e) && !r.equipment.includes(e));
    if (machine && r.equipment.length < 4) r.equipment.push(machine);
  }
}

// Interleave prefectures a little so ids do not simply follow the plan order, then number them.
const ordered = shuffle(rows);
ordered.forEach((r, i) => (r.id = `P${String(i + 1).padStart(4, '0')}`));

// 事業継続力強化計画: exactly BCP_SHARE of the companies, larger ones somewhat more often.
const bcpCount = Math.round(ordered.length * BCP_SHARE);
const byScore = [...ordered].map((r) => ({ r, s: rand() + 0.6 * Math.min(1, r.employees / 150) })).sort((a, b) => b.s - a.s);
for (const { r } of byScore.slice(0, bcpCount)) r.bcp_certified = true;
for (const r of ordered) {
  const arch = ARCH[r.arch];
  r.sdgs = sdgsFor(arch);
  r.seeking = seekingFor(arch, r.capabilities, r.bcp_certified);
  r.offering = offeringFor(arch, r.capabilities, r.bcp_certified);
}

// ── write ────────────────────────────────────────────────────────────────────
const COLUMNS = ['id', 'name', 'prefecture', 'city', 'industry', 'capabilities', 'equipment', 'certifications', 'employees', 'capital_jpy', 'bcp_certified', 'sdgs', 'seeking', 'offering', 'contact', 'updated_at'] as const;
const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const cell = (v: string | number | boolean | string[]) => csvField(Array.isArray(v) ? v.join(';') : String(v));
const lines = [
  '# このファイルの企業はすべて架空のサンプルです（実在の企業とは関係ありません） / All companies in this file are fictional samples.',
  COLUMNS.join(','),
  ...ordered.map((r) =>
    COLUMNS.map((c) => (c === 'capabilities' ? cell(r.capabilities.map(capName)) : cell(r[c]))).join(','),
  ),
];
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, lines.join('\n') + '\n', 'utf8');

// ── validate what was written ────────────────────────────────────────────────
const problems: string[] = [];
const text = readFileSync(OUT, 'utf8');
const records = parseCsv(text, { columns: true, comment: '#', skip_empty_lines: true }) as Record<string, string>[];
const capByName = new Map(capTax.capabilities.map((c) => [c.name, c]));
const prefByName = new Map(prefTax.prefectures.map((p) => [p.name, p]));
const parsed = records.map((rec, i) => {
  const res = Partner.safeParse(rec);
  if (!res.success) {
    problems.push(`row ${i + 1} (${rec.id}): ${res.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return undefined;
  }
  const p = res.data;
  if (!prefByName.has(p.prefecture)) problems.push(`${p.id}: unknown prefecture ${p.prefecture}`);
  for (const c of p.capabilities) if (!capByName.has(c)) problems.push(`${p.id}: capability "${c}" is not a taxonomy name`);
  if (p.capabilities.length < 2 || p.capabilities.length > 5) problems.push(`${p.id}: ${p.capabilities.length} capabilities`);
  if (p.equipment.length < 1 || p.equipment.length > 4) problems.push(`${p.id}: ${p.equipment.length} equipment items`);
  if (p.certifications.length > 3) problems.push(`${p.id}: more than 3 certifications`);
  if (p.sdgs.length > 2) problems.push(`${p.id}: more than 2 sdgs items`);
  if (p.seeking.length < 1 || p.seeking.length > 2) problems.push(`${p.id}: ${p.seeking.length} seeking items`);
  if (p.offering.length < 1 || p.offering.length > 2) problems.push(`${p.id}: ${p.offering.length} offering items`);
  if (p.contact !== '支援センター経由') problems.push(`${p.id}: contact must be 支援センター経由`);
  if (!/^2026-\d{2}-\d{2}$/.test(p.updated_at ?? '')) problems.push(`${p.id}: updated_at ${p.updated_at}`);
  if (Object.values(rec).some((v) => v.includes('#'))) problems.push(`${p.id}: a cell contains "#" (comment character)`);
  return p;
});
if (records.length !== ordered.length) problems.push(`wrote ${ordered.length} rows but read back ${records.length}`);
if (new Set(records.map((r) => r.id)).size !== records.length) problems.push('duplicate ids');
if (new Set(records.map((r) => r.name)).size !== records.length) problems.push('duplicate names');
const partners = parsed.filter((p): p is NonNullable<typeof p> => p !== undefined);

// ── report ───────────────────────────────────────────────────────────────────
const count = <K>(keys: K[]) => {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};
const prefCounts = count(partners.map((p) => p.prefecture));
const regionCounts = count(partners.map((p) => prefByName.get(p.prefecture)?.region ?? '?'));
const capCounts = count(partners.flatMap((p) => p.capabilities));
const bcp = partners.filter((p) => p.bcp_certified).length;
console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
console.log(`rows: ${partners.length}, prefectures: ${prefCounts.size}, bcp_certified: ${bcp} (${((100 * bcp) / partners.length).toFixed(1)}%)`);
console.log(`by region: ${[...regionCounts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`by prefecture: ${[...prefCounts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log('companies per capability:');
for (const c of capTax.capabilities) console.log(`  ${String(capCounts.get(c.name) ?? 0).padStart(3)}  ${c.name} (${c.id})`);
const thin = capTax.capabilities.filter((c) => (capCounts.get(c.name) ?? 0) < 2).map((c) => c.id);
if (thin.length) problems.push(`capabilities with fewer than 2 companies: ${thin.join(', ')} (force an archetype in PLAN)`);

// Chains that matching demos rely on: each step must be offered by some company in the area.
const has = (prefs: string[], capName: string) => partners.filter((p) => prefs.includes(p.prefecture) && p.capabilities.includes(capName)).length;
const chains: [string, string[], string[][]][] = [
  ['金型→射出成形→めっき/塗装→組立 (愛知)', ['愛知県'], [['金型製作'], ['射出成形'], ['めっき', '塗装'], ['組立']]],
  ['金型→射出成形→めっき/塗装→組立 (岐阜)', ['岐阜県'], [['金型製作'], ['射出成形'], ['めっき', '塗装'], ['組立']]],
  ['金型→射出成形→めっき/塗装→組立 (静岡)', ['静岡県'], [['金型製作'], ['射出成形'], ['めっき', '塗装'], ['組立']]],
  ['プレス→溶接→塗装 (大阪)', ['大阪府'], [['プレス加工'], ['溶接'], ['塗装', '粉体塗装']]],
  ['プレス→溶接→塗装 (兵庫)', ['兵庫県'], [['プレス加工'], ['溶接'], ['塗装', '粉体塗装']]],
  ['マシニング→熱処理→研削 (愛知)', ['愛知県'], [['マシニング加工'], ['熱処理'], ['研削加工', '精密研削']]],
  ['BCP代替: 射出成形 (新潟・富山・北海道・山形)', ['新潟県', '富山県', '北海道', '山形県'], [['射出成形'], ['金型製作'], ['めっき'], ['マシニング加工']]],
];
for (const [label, prefs, steps] of chains) {
  const counts = steps.map((alts) => alts.reduce((s, a) => s + has(prefs, a), 0));
  const ok = counts.every((n) => n > 0);
  console.log(`chain ${ok ? 'ok  ' : 'MISSING'} ${label}: ${steps.map((alts, i) => `${alts.join('/')} ${counts[i]}`).join(' → ')}`);
  if (!ok) problems.push(`chain missing: ${label}`);
}
const share = bcp / partners.length;
if (share < 0.25 || share > 0.3) problems.push(`bcp share ${share.toFixed(3)} outside 0.25–0.30`);
if (partners.length < 320) problems.push(`only ${partners.length} companies`);
if (prefCounts.size < 22) problems.push(`only ${prefCounts.size} prefectures`);

for (const p of problems) console.error(`problem: ${p}`);
process.exit(problems.length ? 1 : 0);
