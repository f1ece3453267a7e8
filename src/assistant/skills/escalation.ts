// Hands a conversation to support-center staff: builds the case packet (profile, diagnosis
// scores, candidate programs with their citations, suggested partners, recent transcript),
// opens or refreshes the owner's case, and tells the owner what happens next.
import type { Citation } from '../../domain/conversation.ts';
import { messages } from '../messages.ja.ts';
import type { CasePacket, CaseStore, Clock, SkillResult, TranscriptEntry } from '../ports.ts';
import type { SessionState } from '../session.ts';

export const PACKET_TRANSCRIPT_TURNS = 30;

export type EscalationRequest = {
  sessionKey: string;
  reason: CasePacket['reason'];
  topic: string;
  question?: string;
  state: SessionState;
  transcript: TranscriptEntry[];
  /** Titles of cited documents, to name candidate programs in the packet. */
  titleOf: (docId: string) => string;
};

/** Words that give a question money or legal weight: such a question left unanswered goes to a person. */
const WEIGHTY = /(税|返還|返金|罰|違反|違法|法律|法的|契約|訴|損害|賠償|融資|借入|借り入れ|利息|保証|不正|加算金|差し押|破産|倒産|労基|解雇|いくら(もらえ|返)|返さ)/;

export const isWeighty = (text: string) => WEIGHTY.test(text);

function programsOf(state: SessionState, titleOf: (id: string) => string): CasePacket['programs'] {
  const last = state.last;
  if (!last) return [];
  const byDoc = new Map<string, Citation[]>();
  for (const c of last.citations) {
    const docId = c.docId.split('#')[0]!;
    if (docId.startsWith('subsidies/')) byDoc.set(docId, [...(byDoc.get(docId) ?? []), c]);
  }
  const ids = [...new Set([...last.subsidies, ...byDoc.keys()])];
  return ids.map((docId) => ({ docId, title: titleOf(docId), citations: byDoc.get(docId) ?? [] }));
}

export class EscalationSkill {
  constructor(
    private readonly cases: CaseStore,
    private readonly clock: Clock,
  ) {}

  escalate(req: EscalationRequest): SkillResult & { caseId: string } {
    const { state } = req;
    const packet: CasePacket = {
      reason: req.reason,
      topic: req.topic,
      question: req.question,
      profile: state.profile,
      diagnosis: state.lastDiagnosis?.areas.map((a) => ({ area: a.id, label: a.label, score: a.score })),
      programs: programsOf(state, req.titleOf),
      partners: state.last?.partners ?? [],
      transcript: req.transcript.slice(-PACKET_TRANSCRIPT_TURNS * 2),
    };
    const existing = this.cases.openCaseOf(req.sessionKey);
    const record = this.cases.openOrUpdate(req.sessionKey, packet, this.clock());
    const why = messages.escalationReason[req.reason];
    const text = [why, existing ? messages.escalationUpdated(record.id) : messages.escalated(record.id)].filter(Boolean).join('\n');
    return { caseId: record.id, messages: [{ text }], citations: [] };
  }
}
