// Core conversation types (DESIGN §3, contract): channels, the assistant and the evaluation
// suite all speak these.
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
  capabilities?: string[];
  needs?: string[];
  bcpCertified?: boolean;
};
