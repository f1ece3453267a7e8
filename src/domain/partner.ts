// A company of the partner registry (DESIGN §4, canonical columns).
import { z } from 'zod';

const listCell = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(/[;；、]/)).map((s) => s.trim()).filter(Boolean));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const optionalCount = (what: string) =>
  z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = typeof v === 'number' ? v : Number(String(v).replace(/[,，\s人円]/g, ''));
      if (!Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: `expected a non-negative number of ${what}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const bcpFlag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v, ctx) => {
    if (typeof v === 'boolean') return v;
    const s = (v ?? '').trim().toLowerCase();
    if (['true', 'yes', '1', '認定済', '認定済み', '済', 'あり', '有'].includes(s)) return true;
    if (['', 'false', 'no', '0', '未', 'なし', '無', '未認定'].includes(s)) return false;
    ctx.addIssue({ code: 'custom', message: `expected true/false or 認定済, got "${v}"` });
    return z.NEVER;
  });

export const Partner = z.object({
  id: z.string().trim().min(1, 'id (企業ID) is required'),
  name: z.string().trim().min(1, 'name (企業名) is required'),
  prefecture: z.string().trim().min(1, 'prefecture (都道府県) is required'),
  city: optionalText,
  industry: optionalText,
  capabilities: listCell,
  equipment: listCell,
  certifications: listCell,
  employees: optionalCount('employees'),
  capital_jpy: optionalCount('yen'),
  bcp_certified: bcpFlag,
  sdgs: listCell,
  seeking: listCell,
  offering: listCell,
  contact: optionalText,
  updated_at: optionalText,
});
export type Partner = z.infer<typeof Partner>;

/** Canonical column → accepted header spellings (Japanese aliases first). */
export const REGISTRY_HEADER_ALIASES: Record<keyof z.input<typeof Partner>, string[]> = {
  id: ['企業ID', '企業id', 'ID', '会社ID'],
  name: ['企業名', '会社名', '事業者名'],
  prefecture: ['都道府県', '所在都道府県'],
  city: ['市区町村', '所在地'],
  industry: ['業種'],
  capabilities: ['得意技術', '技術', '対応工程', '加工内容'],
  equipment: ['主要設備', '設備'],
  certifications: ['認証', '取得認証'],
  employees: ['従業員数', '従業員'],
  capital_jpy: ['資本金', '資本金(円)'],
  bcp_certified: ['事業継続力強化計画', 'ジギョケイ', 'BCP認定'],
  sdgs: ['SDGs', 'ＳＤＧｓ', 'SDGsの取組'],
  seeking: ['連携希望', '求めていること'],
  offering: ['提供可能', '提供できること'],
  contact: ['連絡窓口', '連絡先'],
  updated_at: ['更新日'],
};
