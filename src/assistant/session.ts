// What the assistant remembers about one owner between turns. Plain JSON, saved in the
// store after every turn, so a conversation resumes exactly where it was after a restart.
import type { Citation, OwnerProfile } from '../domain/conversation.ts';
import type { DiagnosisResult, DiagnosisState } from './flows/diagnosis.ts';
import type { DraftingState } from './flows/drafting.ts';
import type { PartnerMode } from './skills/partners.ts';

export type PendingClarification = { text: string; options: string[] };

export type SessionState = {
  version: 1;
  profile: OwnerProfile;
  /** The diagnosis in progress (kept while the owner asks something else in between). */
  diagnosis?: DiagnosisState;
  /** True while diagnosis answers are expected; false when paused by another question. */
  diagnosisActive?: boolean;
  lastDiagnosis?: DiagnosisResult;
  /** The application draft being gathered (kept while the owner asks something else in between). */
  drafting?: DraftingState;
  /** True while draft answers are expected; false when paused by another question. */
  draftingActive?: boolean;
  /** A question we asked back because the owner's message could mean several things. */
  clarify?: PendingClarification;
  /** What the last question asked the owner for, so a short answer is understood. */
  awaiting?: 'capabilities' | 'prefecture';
  /** The partner search to run once the owner has answered. */
  awaitingMode?: PartnerMode;
  /** Consecutive turns the assistant could not answer. */
  failures: number;
  last?: { intent: string; question?: string; subsidies: string[]; partners: string[]; citations: Citation[] };
  caseId?: string;
};

export const newSession = (): SessionState => ({ version: 1, profile: {}, failures: 0 });

/** Fills the profile with what the owner said; a stated value replaces an older one. */
export function mergeProfile(profile: OwnerProfile, patch: Partial<OwnerProfile>): OwnerProfile {
  const merged: OwnerProfile = { ...profile };
  for (const [k, v] of Object.entries(patch) as [keyof OwnerProfile, unknown][]) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      const prev = (merged[k] as string[] | undefined) ?? [];
      (merged as Record<string, unknown>)[k] = [...new Set([...prev, ...(v as string[])])];
    } else (merged as Record<string, unknown>)[k] = v;
  }
  return merged;
}
