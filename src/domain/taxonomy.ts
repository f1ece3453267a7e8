// Taxonomies (knowledge/taxonomy/*.yaml): capabilities and prefectures.
import { z } from 'zod';

const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id such as "injection-molding"');

export const Capability = z
  .object({
    id: Id,
    name: z.string().min(1), // canonical Japanese term: 射出成形
    category: z.string().min(1), // 成形, 切削, 表面処理, 設計, サービス ...
    synonyms: z.array(z.string().min(1)).default([]), // other ways owners say it, kana spellings, English
    next: z.array(Id).default([]), // typical downstream process steps (金型 → 射出成形)
    complements: z.array(Id).default([]), // capabilities that pair well (not a step order)
    description: z.string().optional(),
  })
  .strict();
export type Capability = z.infer<typeof Capability>;

export const CapabilityTaxonomy = z
  .object({
    source_url: z.url(),
    as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    capabilities: z.array(Capability).min(1),
  })
  .strict();

export const Prefecture = z
  .object({
    code: z.number().int().min(1).max(47), // JIS X 0401
    name: z.string().regex(/^.+[都道府県]$/), // 愛知県
    short: z.string().min(1), // 愛知
    region: z.enum(['北海道', '東北', '関東', '中部', '近畿', '中国', '四国', '九州・沖縄']),
    neighbours: z.array(z.string()).default([]), // prefectures sharing a land border (full names)
    hazards: z.array(z.string()).min(1), // major hazards: 南海トラフ地震, 首都直下地震, 豪雪, 火山, 洪水 ...
    hazard_zones: z.array(z.string()).default([]), // designated zones: 南海トラフ地震防災対策推進地域 ...
    capital: z.string().min(1), // 県庁所在地
  })
  .strict();
export type Prefecture = z.infer<typeof Prefecture>;

export const PrefectureTaxonomy = z
  .object({
    source_url: z.url(),
    as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    prefectures: z.array(Prefecture).length(47),
  })
  .strict();

/** Concept groups: words that mean the same thing to an owner (補助金 ≈ 助成金). Used by the local embedder. */
export const ConceptGroups = z
  .object({
    concepts: z.array(
      z
        .object({
          id: Id,
          terms: z.array(z.string().min(1)).min(2),
          asks_number: z.boolean().default(false), // a question with this concept wants a figure (上限, 補助率)
          asks_date: z.boolean().default(false), // ... wants a date (締切)
          asks_definition: z.boolean().default(false), // ... wants what something is (〜って何？)
          must_answer: z.boolean().default(false), // ... is answered only by a line that speaks of it (採択率, 手数料); else the assistant says the sources lack it
        })
        .strict(),
    ),
  })
  .strict();
export type ConceptGroups = z.infer<typeof ConceptGroups>;
