// Measures how often plain pinyin-pro agrees with CC-CEDICT over every CC-CEDICT entry of four or more
// Han characters, and what kinds of mismatch there are; then how often the card's own reading agrees
// (by construction it should be 100%), and how good the fallback combination is on phrases it has never
// seen (each entry read as if CC-CEDICT lacked it: leave-one-out).
//
// Run after `npm run build`:  node test/enrich/pinyin-agreement.mjs [--examples N] [--json]
// Compared: syllables and tones, per Han character; case, spacing, punctuation and ü notation aside.
import { pinyin } from 'pinyin-pro';
import { cedict } from '../../dist/lexicon/cedict.js';
import { phraseReading } from '../../dist/enrich/pinyin.js';

const args = process.argv.slice(2);
const exampleCount = Number(args[args.indexOf('--examples') + 1]) || 3;
const asJson = args.includes('--json');

const HAN = /\p{Script=Han}/u;
const isHan = (c) => HAN.test(c);

/** `lu:3` / `lü3` / `Men0` → `lu:3` / `men5`; undefined for non-syllables (`,`, `A`, `xx5`). */
function norm(token) {
  const t = token.toLowerCase().replace(/ü/g, 'u:').replace(/v/g, 'u:');
  const m = /^([a-z:]+?)([0-5]?)$/.exec(t);
  if (!m || m[1] === 'xx' || !/[aeiou]|^(m|n|ng|hm|hng|r)$/.test(m[1])) return undefined;
  return `${m[1]}${m[2] === '' || m[2] === '0' ? '5' : m[2]}`;
}
const letters = (s) => s.replace(/[0-5]$/, '');
const tone = (s) => Number(s.at(-1));

/** CC-CEDICT's reading as one syllable per Han character, or null when it does not line up. */
function cedictSyllables(entry) {
  const chars = [...entry.simplified];
  const tokens = entry.pinyin.split(' ').filter(Boolean);
  const syllables = tokens.filter((t) => !/^\p{P}+$/u.test(t));
  const han = chars.filter(isHan);
  if (syllables.length !== chars.filter((c) => !/\p{P}|\s/u.test(c)).length) return null;
  const out = [];
  let k = 0;
  for (const c of chars) {
    if (/\p{P}|\s/u.test(c)) continue;
    const s = syllables[k++];
    if (isHan(c)) out.push({ char: c, syllable: norm(s), raw: s });
  }
  return out.length === han.length ? out : null;
}

const readingsOfChar = new Map();
function charReadings(c) {
  let r = readingsOfChar.get(c);
  if (!r) {
    r = new Set(cedict().lookup(c).map((e) => norm(e.pinyin)).filter(Boolean));
    readingsOfChar.set(c, r);
  }
  return r;
}

function classify(char, ours, theirs) {
  if (theirs === undefined) return 'CC-CEDICT gives no syllable (xx5)';
  if (ours === undefined) return 'pinyin-pro has no reading (rare character)';
  if (char === '儿' && letters(theirs) === 'r') return 'erhua (儿 as r5)';
  if (letters(ours) === letters(theirs) && (tone(ours) === 5 || tone(theirs) === 5)) return 'neutral tone';
  if ((char === '一' || char === '不') && letters(ours) === letters(theirs)) return '一/不 tone (sandhi written)';
  const known = charReadings(char);
  if (known.has(theirs) && known.size > 1) {
    return letters(ours) === letters(theirs) ? 'polyphone, tone only' : 'polyphone, other syllable';
  }
  if (letters(ours) === letters(theirs)) return 'variant reading, tone (not among the character\'s CC-CEDICT readings)';
  return 'variant reading, syllable (not among the character\'s CC-CEDICT readings)';
}

const book = cedict();
const bySimplified = new Map();
for (const entry of book.entries()) {
  if ([...entry.simplified].filter(isHan).length < 4) continue;
  const list = bySimplified.get(entry.simplified) ?? [];
  list.push(entry);
  bySimplified.set(entry.simplified, list);
}

let entriesTotal = 0;
let entriesAgree = 0;
let formsTotal = 0;
let formsAgree = 0;
let unaligned = 0;
let capitals = 0;
let capitalsOnlyDifference = 0;
let oursAgree = 0;
let combinedAgree = 0;
let combinedTotal = 0;
let proOnSameSet = 0;
let defaultAgree = 0;
const kinds = new Map();
const kindEntries = new Map();
const examples = new Map();
const oursFailures = [];

const t0 = performance.now();
for (const [simplified, entries] of bySimplified) {
  const chars = [...simplified];
  const proAll = pinyin(simplified, { type: 'all', toneType: 'num', toneSandhi: false });
  const pro = [];
  for (const item of proAll) if ([...item.origin].length === 1 && isHan(item.origin)) pro.push(norm(item.pinyin));
  const proDefault = pinyin(simplified, { type: 'all', toneType: 'num' })
    .filter((item) => [...item.origin].length === 1 && isHan(item.origin))
    .map((item) => norm(item.pinyin));
  const ours = phraseReading(simplified, { toneSandhi: false }).tokens.filter((t, i) => isHan(chars[i])).map((t) => (t.kind === 'syllable' ? `${t.syllable.letters}${t.syllable.tone}` : undefined));
  const combined = phraseReading(simplified, { toneSandhi: false, excludeWholeEntry: true }).tokens.filter((t, i) => isHan(chars[i])).map((t) => (t.kind === 'syllable' ? `${t.syllable.letters}${t.syllable.tone}` : undefined));

  let formAgrees = false;
  let defaultMatches = false;
  let oursMatches = false;
  let combinedMatches = false;
  let alignedAny = false;
  for (const entry of entries) {
    const theirs = cedictSyllables(entry);
    if (!theirs) {
      unaligned++;
      continue;
    }
    alignedAny = true;
    entriesTotal++;
    if (/[A-Z]/.test(entry.pinyin)) capitals++;
    const diffs = [];
    theirs.forEach((t, i) => {
      if (pro[i] !== t.syllable) diffs.push(classify(t.char, pro[i], t.syllable));
    });
    if (pro.length !== theirs.length) diffs.push('alignment');
    if (diffs.length === 0) {
      entriesAgree++;
      formAgrees = true;
      if (/[A-Z]/.test(entry.pinyin)) capitalsOnlyDifference++;
    } else {
      for (const d of diffs) kinds.set(d, (kinds.get(d) ?? 0) + 1);
      for (const d of new Set(diffs)) {
        kindEntries.set(d, (kindEntries.get(d) ?? 0) + 1);
        const list = examples.get(d) ?? [];
        if (list.length < exampleCount) list.push(`${simplified} cedict[${entry.pinyin}] pinyin-pro[${pro.join(' ')}]`);
        examples.set(d, list);
      }
    }
    const theirsList = theirs.map((t) => t.syllable);
    if (theirsList.every((s, i) => s === proDefault[i])) defaultMatches = true;
    if (theirsList.every((s, i) => s === undefined || s === ours[i])) oursMatches = true;
    if (theirsList.every((s, i) => s === undefined || s === combined[i])) combinedMatches = true;
  }
  if (!alignedAny) continue;
  formsTotal++;
  if (formAgrees) formsAgree++;
  if (defaultMatches) defaultAgree++;
  if (oursMatches) oursAgree++;
  else if (oursFailures.length < 20) oursFailures.push(`${simplified} ours[${ours.join(' ')}] cedict[${entries.map((e) => e.pinyin).join(' | ')}]`);
  combinedTotal++;
  if (combinedMatches) combinedAgree++;
  if (formAgrees) proOnSameSet++;
}
const seconds = (performance.now() - t0) / 1000;

const pct = (a, b) => `${((100 * a) / b).toFixed(2)}%`;
const report = {
  entries: entriesTotal,
  entriesAgree,
  entryAgreement: pct(entriesAgree, entriesTotal),
  forms: formsTotal,
  formsAgreeWithSomeReading: formsAgree,
  formAgreement: pct(formsAgree, formsTotal),
  formAgreementWithPinyinProDefaults: pct(defaultAgree, formsTotal),
  entriesWithCapitals: capitals,
  entriesWithCapitalsAgreeingOtherwise: capitalsOnlyDifference,
  entriesNotAlignable: unaligned,
  mismatchKindsBySyllable: Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1])),
  mismatchKindsByEntry: Object.fromEntries([...kindEntries].sort((a, b) => b[1] - a[1])),
  cardReadingAgreement: pct(oursAgree, formsTotal),
  cardReadingFailures: oursFailures,
  leaveOneOutCombinedAgreement: pct(combinedAgree, combinedTotal),
  leaveOneOutPlainPinyinProAgreement: pct(proOnSameSet, combinedTotal),
  examples: Object.fromEntries(examples),
  seconds: Number(seconds.toFixed(1)),
};
if (asJson) {
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} else {
  console.log(`CC-CEDICT entries of ≥4 Han characters (aligned): ${entriesTotal}; distinct simplified forms: ${formsTotal}`);
  console.log(`plain pinyin-pro agrees with the entry: ${entriesAgree} (${report.entryAgreement}); with some reading of the form: ${formsAgree} (${report.formAgreement})`);
  console.log(`pinyin-pro with its default options (一/不 sandhi on) agrees with some reading of the form: ${defaultAgree} (${report.formAgreementWithPinyinProDefaults})`);
  console.log(`entries whose reading has capitals (proper nouns): ${capitals}, of which agree case aside: ${capitalsOnlyDifference}; not alignable: ${unaligned}`);
  console.log('mismatch kinds (entries having the kind / syllables):');
  for (const [k, n] of Object.entries(report.mismatchKindsByEntry)) {
    console.log(`  ${k}: ${n} entries / ${kinds.get(k)} syllables   e.g. ${(examples.get(k) ?? []).join('; ')}`);
  }
  console.log(`card reading (phraseReading) equals a CC-CEDICT reading: ${oursAgree}/${formsTotal} (${report.cardReadingAgreement})`);
  for (const f of oursFailures) console.log(`  ✗ ${f}`);
  console.log(`leave-one-out (entry itself ignored): combined reading agrees ${report.leaveOneOutCombinedAgreement}, plain pinyin-pro ${report.leaveOneOutPlainPinyinProAgreement}`);
  console.log(`${report.seconds} s`);
}
