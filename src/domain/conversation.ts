// Core conversation types (DESIGN §3, contract): channels, the assistant and the evaluation
// suite all speak these.
import { z } from 'zod';

export type Channel = 'line' | 'slack' | 'teams' | 'web' | 'cli';

export type InboundMessage = {
  channel: Channel;
  userId: string; // channel-scoped; the session key is `${channel}:${userId}`
  text?: string;
  postback?: string; // a button / quick-reply id, e.g. "diag:employees:21-50"
  receivedAt: Date;
};

export type Citation = { docId: string; title: string; section?: string; url?: string; quote: string };

export type Reply = {
  text: string; // plain Japanese, readable on a phone without any rendering
  choices?: { id: string; label: string }[];
  cards?: { title: string; subtitle?: string; fields?: [string, string][]; actions?: { id: string; label: string }[] }[];
  files?: { name: string; url: string; mime: string }[];
  image?: { url: string; alt: string };
};

export type TurnMeta = {
  intent: string;
  citations: Citation[];
  partners: string[];
  subsidies: string[];
  escalationId?: string;
  refusal: boolean;
};

export type AssistantTurn = { messages: Reply[]; meta: TurnMeta };

export type OwnerProfile = {
  companyName?: string;
  prefecture?: string;
  city?: string;
  industry?: string;
  employees?: number;
  capitalJpy?: number;
  revenueJpy?: number; // 年間売上高 in yen (an extension of the DESIGN §3 profile: programs such as 成長加速化 set a floor)
  capabilities?: string[];
  needs?: string[];
  bcpCertified?: boolean;
};

/** The profile as accepted from outside (API body, eval case, CLI file): checked field by field. */
export const OwnerProfileSchema = z
  .object({
    companyName: z.string().trim().min(1).max(200).optional(),
    prefecture: z.string().trim().min(1).max(20).optional(),
    city: z.string().trim().min(1).max(50).optional(),
    industry: z.string().trim().min(1).max(100).optional(),
    employees: z.number().int().min(0).max(10_000_000).optional(),
    capitalJpy: z.number().min(0).max(1e15).optional(),
    revenueJpy: z.number().min(0).max(1e16).optional(),
    capabilities: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    needs: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    bcpCertified: z.boolean().optional(),
  })
  .strict();
