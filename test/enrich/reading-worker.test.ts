// The CLI's helper thread (worker-client.ts) must answer exactly what the in-process calls compute: the
// same cards with and without it. Uses the built worker (dist/enrich/reading-worker.js, `npm run build`).
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Candidate, Occurrence, SourceInfo } from '../../src/types.js';
import { enrich } from '../../src/enrich/index.js';
import { pinyinProSyllables } from '../../src/enrich/reading-sources.js';
import { traditionalConverter } from '../../src/enrich/traditional.js';
import { askReadingWorker, coreIsSpare, postReadingRequest, readingWorkerRunning, receiveReadingReply, startReadingWorker, stopReadingWorker } from '../../src/enrich/worker-client.js';

const workerUrl = new URL('../../dist/enrich/reading-worker.js', import.meta.url);

// Fixture sentences written for these tests.
function occurrence(text: string, phrase: string, index: number): Occurrence {
  const start = text.indexOf(phrase);
  return { sentence: { text, originalText: text, role: 'body', source: 'notes.md', paragraph: index, index }, start, end: start + phrase.length };
}

function candidate(text: string, sentence: string, index: number, extra: Partial<Candidate> = {}): Candidate {
  return {
    key: text.replace(/[^\p{Script=Han}]/gu, ''),
    text,
    kind: 'chengyu',
    count: 1,
    sources: ['notes.md'],
    evidence: [],
    occurrences: [occurrence(sentence, text, index)],
    standsAlone: true,
    ...extra,
  };
}

const candidates: Candidate[] = [
  candidate('一衣带水', '我们两国一衣带水，来往已有两千多年。', 0),
  candidate('削足适履', '照搬别人的做法无异于削足适履，只会适得其反。', 1),
  candidate('不忘初心', '不忘初心，一步一个脚印地往前走。', 2, { kind: 'saying' }),
  // Not lexicon phrases: computed live, by the thread when there is one.
  candidate('着眼明天', '做规划要着眼明天，不能只看今天。', 3, { kind: 'saying' }),
  candidate('山高水长路不远', '朋友说山高水长路不远，我们总会再见。', 4, { kind: 'saying' }),
];
const sources = new Map<string, SourceInfo>([['notes.md', { name: 'notes.md' }]]);

describe('reading worker', () => {
  afterAll(() => stopReadingWorker());

  const inProcess = {
    cards: enrich(candidates, sources, { toneSandhi: false, variant: 'tw' }),
    spoken: enrich(candidates, sources, { toneSandhi: true, variant: 'hk' }),
    syllables: pinyinProSyllables([...'两国一衣带水，往来频繁。'], true),
    traditional: candidates.map((c) => traditionalConverter('tw', candidates.map((x) => x.text))(c.text)),
  };

  it('is built', () => {
    expect(existsSync(workerUrl)).toBe(true);
    startReadingWorker(workerUrl);
    expect(readingWorkerRunning()).toBe(true);
  });

  it('answers pinyin-pro and OpenCC requests like the in-process calls', () => {
    expect(askReadingWorker({ op: 'pinyin', queries: [{ text: '中文', toneSandhi: false }] })?.items).toEqual([
      [
        ['中', 'zhong1', true],
        ['文', 'wen2', true],
      ],
    ]);
    expect(pinyinProSyllables([...'两国一衣带水，往来频繁。'], true)).toEqual(inProcess.syllables);
    expect(askReadingWorker({ op: 'traditional', variant: 'tw', texts: candidates.map((c) => c.text) })?.texts).toEqual(inProcess.traditional);
    expect(readingWorkerRunning()).toBe(true);
  });

  it('answers several requests under way in the order they were posted', () => {
    const texts = ['中文', '一衣带水', '山高水长', '着眼明天'];
    for (const text of texts) expect(postReadingRequest({ op: 'pinyin', queries: [{ text, toneSandhi: false }] })).toBe(true);
    // Asking while answers are outstanding would take the wrong one: it declines instead.
    expect(askReadingWorker({ op: 'pinyin', queries: [{ text: '中文', toneSandhi: false }] })).toBeUndefined();
    const origins = texts.map(() => (receiveReadingReply()?.items?.[0] ?? []).map(([origin]) => origin).join(''));
    expect(origins).toEqual(texts);
    expect(receiveReadingReply()).toBeUndefined();
    expect(askReadingWorker({ op: 'pinyin', queries: [{ text: '中文', toneSandhi: false }] })?.items?.[0]?.length).toBe(2);
  });

  it('gives the same cards as the in-process calls', () => {
    expect(enrich(candidates, sources, { toneSandhi: false, variant: 'tw' })).toEqual(inProcess.cards);
    expect(enrich(candidates, sources, { toneSandhi: true, variant: 'hk' })).toEqual(inProcess.spoken);
    expect(readingWorkerRunning()).toBe(true);
  });
});

describe('whether a core is spare for the helper thread', () => {
  it('goes by the threads runnable now when the system says, whatever the load average', () => {
    // Idle now after a busy minute: the load average alone would say no.
    expect(coreIsSpare(2, 1, 1.9)).toBe(true);
    // Another thread busy now on two cores: no, even after a quiet minute.
    expect(coreIsSpare(2, 2, 0.1)).toBe(false);
    expect(coreIsSpare(4, 3, 3.5)).toBe(true);
    expect(coreIsSpare(1, 1, 0)).toBe(false);
  });

  it('falls back to the load average, leaving a quarter of a core free', () => {
    expect(coreIsSpare(2, undefined, 1.5)).toBe(true);
    expect(coreIsSpare(2, undefined, 1.8)).toBe(false);
    // One core is never spare, however quiet the machine.
    expect(coreIsSpare(1, undefined, 0)).toBe(false);
  });
});
