// One bench process: opens the full assistant (composition root) on the knowledge and registry
// of its environment, warms up, then times whole turns: a diagnosis step, a subsidy question,
// a partner search. Prints one JSON line: latencies (ms) per turn type, chunks, RSS.
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { RateLimiter } from '../src/assistant/rate-limit.ts';
import { loadConfig } from '../src/config.ts';
import type { AssistantTurn } from '../src/domain/conversation.ts';

const ROUNDS = Number(process.env.BENCH_TURNS ?? 200);
const SUBSIDY_QUESTIONS = ['ものづくり補助金の補助率は？', 'うちで使える補助金は？従業員25人の金属加工です', '持続化補助金の締め切りはいつ？', 'ジギョケイって何？'];
const PARTNER_QUESTIONS = ['めっきをやってくれる会社を探しています', '愛知県でプレスと溶接ができる会社を紹介して', '金型から成形、めっき、組立までできるチームを組みたい', 'BCPのために遠くの会社と組みたい。うちは射出成形です'];

const app = await createApp(loadConfig(), { log: pino({ level: 'silent' }), rateLimiter: new RateLimiter({ capacity: 1e9, refillPerSecond: 1e9 }) });
const time = async (f: () => Promise<AssistantTurn>) => {
  const t = performance.now();
  const turn = await f();
  return { ms: performance.now() - t, turn };
};
const say = (user: string, text: string) => app.assistant.handle({ channel: 'cli', userId: user, text, receivedAt: new Date() });
const press = (user: string, postback: string) => app.assistant.handle({ channel: 'cli', userId: user, postback, receivedAt: new Date() });

async function run(round: number, record: boolean, out: Record<string, number[]>) {
  const user = `bench-${record ? 'r' : 'w'}-${round}`;
  // a diagnosis step: the owner presses the first button of the current question
  let turn = await press(user, 'menu:diagnosis');
  for (let step = 0; step < 3; step++) {
    const choice = turn.messages.at(-1)?.choices?.find((c) => c.id.startsWith('diag:') && !/skip|back|restart|quit/.test(c.id));
    const r = choice ? await time(() => press(user, choice.id)) : await time(() => say(user, '25人'));
    if (record) out.diagnosis!.push(r.ms);
    turn = r.turn;
  }
  await press(user, 'diag:quit');
  const s = await time(() => say(`${user}-s`, SUBSIDY_QUESTIONS[round % SUBSIDY_QUESTIONS.length]!));
  const p = await time(() => say(`${user}-p`, PARTNER_QUESTIONS[round % PARTNER_QUESTIONS.length]!));
  if (record) {
    out.subsidy!.push(s.ms);
    out.partners!.push(p.ms);
  }
}

const out: Record<string, number[]> = { diagnosis: [], subsidy: [], partners: [] };
for (let i = 0; i < 20; i++) await run(i, false, out);
(globalThis as { gc?: () => void }).gc?.();
for (let i = 0; i < ROUNDS; i++) await run(i, true, out);
(globalThis as { gc?: () => void }).gc?.();
console.log(JSON.stringify({ chunks: app.knowledge.index.chunks.length, companies: app.catalog.partners.length, rssMb: Math.round(process.memoryUsage().rss / 1e6), ...out }));
app.close();
