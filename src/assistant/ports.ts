// What the assistant core needs from the outside world (DESIGN §1). The composition root
// injects real implementations; tests inject fakes. Nothing here imports SQLite or Express.
import type { Citation, OwnerProfile, Reply } from '../domain/conversation.ts';

/** Now, injected so deadlines and "open rounds" are testable with a fixed date. */
export type Clock = () => Date;

/** What a skill hands back to the assistant; the assistant turns it into an AssistantTurn. */
export type SkillResult = {
  messages: Reply[];
  citations: Citation[];
  partners?: string[]; // registry ids, best first
  subsidies?: string[]; // knowledge doc ids, best first
  refusal?: boolean;
};

export type TranscriptRole = 'owner' | 'assistant' | 'staff' | 'system';
export type TranscriptEntry = { role: TranscriptRole; text: string; at: string; intent?: string; postback?: string };

/** Sessions and their transcripts, keyed by `${channel}:${userId}`. */
export interface SessionStore {
  load<S>(key: string): S | undefined;
  /** Saves the state and appends the turn's transcript entries in one transaction. */
  save<S>(key: string, state: S, entries: TranscriptEntry[]): void;
  transcript(key: string, limit?: number): TranscriptEntry[];
}

export type CasePacket = {
  reason: 'owner_asked' | 'repeated_failure' | 'weighty_unanswered';
  topic: string;
  question?: string;
  profile: OwnerProfile;
  diagnosis?: { area: string; label: string; score: number }[];
  programs: { docId: string; title: string; citations: Citation[] }[];
  partners: string[];
  transcript: TranscriptEntry[];
};
export type CaseRecord = { id: string; sessionKey: string; status: 'open' | 'assigned' | 'closed'; createdAt: string; packet: CasePacket };

export interface CaseStore {
  /** Opens a case, or updates the session's open case with a fresh packet. */
  openOrUpdate(sessionKey: string, packet: CasePacket, at: Date): CaseRecord;
  openCaseOf(sessionKey: string): CaseRecord | undefined;
}

/** Files the owner can open by an unguessable, expiring link: charts now, drafts later. */
export interface FileStore {
  /** Stores the bytes and returns the URL path to fetch them (/files/<token>). */
  put(file: { ownerKey: string; name: string; mime: string; bytes: Uint8Array }, at: Date): { url: string; token: string };
}
