// 提法: political and diplomatic formulations a news reader must know as a unit (一带一路, 一国两制,
// 人类命运共同体, 零和博弈). Evidence: the project's list of established formulations, the shapes such
// terms take (X主义, X思维, X命运共同体), and coinages set in quotation marks (“政治病毒”).
import type { Evidence } from '../types.js';
import type { PhraseLexicon } from '../lexicon/phrases.js';
import { has, scoreOf, type DictionaryMatch, type Proposal } from './proposal.js';
import { sentenceTriggers } from './text.js';
import { hasTriggers, triggerFor } from './triggers.js';

export const TERM_THRESHOLD = 2;

export function judgeTerm(match: DictionaryMatch): Proposal | null {
  const evidence = termVerdict(match);
  return evidence ? termProposal(match, evidence) : null;
}

/** The evidence that a dictionary match is a term, or null when it is not one. */
export function termVerdict(match: DictionaryMatch): Evidence[] | null {
  const { entry } = match;
  const f = entry.flags;
  const ev: Evidence[] = [];
  if (has(f, 't')) ev.push({ code: 'term-list', weight: 4, note: 'on the project list of political formulations' });
  if (has(f, 'T') && entry.key.length >= 4 && !/[IWw]/.test(f)) {
    ev.push({ code: 'cedict-political', weight: 1.5, note: 'CC-CEDICT: slogan or political term' });
  }
  if (ev.length === 0) return null;
  if (has(f, 'N') && !has(f, 't')) ev.push({ code: 'name-or-technical', weight: -3, note: 'CC-CEDICT: a name or technical term' });
  if (scoreOf(ev) < TERM_THRESHOLD) return null;
  return ev;
}

export function termProposal(match: DictionaryMatch, evidence: Evidence[]): Proposal {
  return { kind: 'term', key: match.key, text: match.text, start: match.start, end: match.end, evidence };
}

// Verbs and modifiers that precede a formulation without being part of it (构建人类命运共同体).
const NOT_A_MODIFIER = /^(构建|推动|打造|建设|建立|形成|迈向|携手|共建|共同|一个|更加|紧密|成为|走向|促进|维护|树立|践行|坚持|奉行|反对|搞|实行|推行|抛弃|摒弃|放弃|秉持|的|和|与|及|是|在|了|这|那|其)/;
const FUNCTION_CHARS = /[的了吗呢吧啊我你他她它们是在有就都也还很这那要会能]/;

interface Shape {
  re: RegExp;
  /** Text every match contains: a sentence without it is not searched. */
  needs: string;
  /** The trigger bit of the last character of `needs` (rarer than the first): a sentence without it is not searched either. */
  trigger: number;
  weight: number;
  note: string;
}

const SHAPES: Shape[] = [
  { re: /(\p{Script=Han}{2})(主义)/gu, needs: '主义', weight: 2.25, note: 'X主义: a named -ism' },
  { re: /(\p{Script=Han}{2})(思维)/gu, needs: '思维', weight: 2, note: 'X思维: a named mindset' },
  { re: /(\p{Script=Han}{2})(命运共同体|卫生健康共同体|发展共同体|安全共同体|利益共同体)/gu, needs: '共同体', weight: 2.5, note: 'X共同体: a community formulation' },
].map((shape) => ({ ...shape, trigger: triggerFor(shape.needs.slice(-1)) }));

export function termShapes(sentence: string): Proposal[] {
  const out: Proposal[] = [];
  const triggers = sentenceTriggers(sentence);
  for (let s = 0; s < SHAPES.length; s++) {
    const shape = SHAPES[s] as Shape;
    if (!hasTriggers(triggers, shape.trigger) || !sentence.includes(shape.needs)) continue;
    shape.re.lastIndex = 0;
    for (let m = shape.re.exec(sentence); m; m = shape.re.exec(sentence)) {
      const modifier = m[1] ?? '';
      const head = m[2] ?? '';
      // Matches may overlap: the next search starts one character on. A whole character: a search of a
      // `u` expression cannot start inside a surrogate pair, and one asked to would find this match again,
      // for ever (a Han character outside the BMP at the start of a match hung the detector).
      shape.re.lastIndex = m.index + ((sentence.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      if (NOT_A_MODIFIER.test(modifier) || FUNCTION_CHARS.test(modifier)) continue;
      const text = modifier + head;
      out.push({
        kind: 'term',
        key: text,
        text,
        start: m.index,
        end: m.index + text.length,
        evidence: [{ code: 'term-shape', weight: shape.weight, note: shape.note }],
      });
    }
  }
  return out;
}

// A regular expression literal is a new object each time it is evaluated: those of the per-sentence code
// are made once here (the global one is reset before each search).
/** A short stretch in quotation marks, with no clause of speech in it. */
const QUOTED_STRETCH = /[“「『]([^“”「」『』，。、；：！？\s]{2,8})[”」』]/gu;
const ALL_HAN = /^\p{Script=Han}+$/u;
const IDIOM_OR_LISTED = /[Iihqs]/;
const EVERYDAY_WORD = /[Cjil]/;
const TERM_OR_NAME = /[tN]/;

/** An opening and a closing quotation mark: every quoted coinage has both. */
const COINAGE_MARKS = triggerFor('“「『') | triggerFor('”」』');

/**
 * Coinages in quotation marks: a short, all-Han quoted stretch that is not a clause of speech
 * (“政治病毒”, “免疫鸿沟”, “一带一路”). Idioms in quotation marks are left to the idiom detector.
 */
export function quotedCoinages(sentence: string, lexicon: PhraseLexicon): Proposal[] {
  const out: Proposal[] = [];
  if (!hasTriggers(sentenceTriggers(sentence), COINAGE_MARKS)) return out;
  const re = QUOTED_STRETCH;
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const content = m[1] ?? '';
    if (!ALL_HAN.test(content)) continue;
    const flags = lexicon.flagsOf(content);
    // Two characters in quotation marks are mostly a word being mentioned (“证据”, “线上”), not a coinage.
    if (content.length < 3 && !has(flags, 't')) continue;
    if (IDIOM_OR_LISTED.test(flags) && content.length === 4) continue;
    const start = m.index + 1;
    // An everyday word of three characters in quotation marks is being used figuratively (“朋友圈”,
    // “领头羊”, “暂停键”): a 惯用语-like saying. A string no dictionary knows is a coinage, a term.
    if (content.length === 3 && EVERYDAY_WORD.test(flags) && !TERM_OR_NAME.test(flags)) {
      out.push({
        kind: 'saying',
        key: content,
        text: content,
        start,
        end: start + content.length,
        evidence: [{ code: 'quoted-figurative', weight: 2.25, note: 'an everyday word set in quotation marks' }],
      });
      continue;
    }
    const ev: Evidence[] = [{ code: 'quoted-coinage', weight: 2.25, note: 'coined in quotation marks' }];
    if (FUNCTION_CHARS.test(content)) ev.push({ code: 'speech-words', weight: -1.5, note: 'reads like quoted speech' });
    if (has(flags, 't')) ev.push({ code: 'term-list', weight: 4, note: 'on the project list of political formulations' });
    if (scoreOf(ev) < TERM_THRESHOLD) continue;
    out.push({ kind: 'term', key: content, text: content, start, end: start + content.length, evidence: ev });
  }
  return out;
}
