// The vocabulary list's style sheet, inlined into every page so the file stands alone (no network, no
// companion files). Fonts are local names only. Tone colours use the Chinese Support Redux classes.
export const LIST_CSS = `:root {
  --ink: #1d1d1f;
  --muted: #6b6b70;
  --rule: #d9d9de;
  --mark: #fff0a0;
  --tone1: #d1202f;
  --tone2: #d97a00;
  --tone3: #23873a;
  --tone4: #1f5fbf;
  --tone5: #7a7a80;
  --han: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif;
  --han-t: "Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU", serif;
}
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; }
body {
  margin: 0 auto;
  padding: 1.5rem 1.25rem 2rem;
  max-width: 54rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif;
}
[lang="zh-Hans"] { font-family: var(--han); }
[lang="zh-Hant"] { font-family: var(--han-t); }
h1 { font-size: 1.7rem; margin: 0 0 0.2rem; line-height: 1.25; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 0.6rem; margin-bottom: 0.4rem; }
header p { margin: 0.2rem 0; }
.summary { color: var(--muted); }
.sources { display: flex; gap: 0.4em; color: var(--muted); font-size: 0.9rem; }
.sources ul { margin: 0; padding: 0; list-style: none; }
.sources .title { color: var(--ink); }
.legend { font-size: 0.8rem; color: var(--muted); }
.legend span { margin-right: 0.8em; }
h2 {
  font-size: 1.25rem;
  margin: 1.4rem 0 0;
  padding-bottom: 0.2rem;
  border-bottom: 1px solid var(--ink);
  break-after: avoid;
  page-break-after: avoid;
}
h2 .count { color: var(--muted); font-weight: normal; font-size: 0.9em; }
ol.entries { list-style: none; margin: 0; padding: 0; }
.entry {
  display: grid;
  grid-template-columns: minmax(9.5rem, 28%) 1fr;
  gap: 0 1.2rem;
  padding: 0.65rem 0 0.6rem;
  border-bottom: 1px solid var(--rule);
  break-inside: avoid;
  page-break-inside: avoid;
}
.head { display: flex; flex-direction: column; align-items: flex-start; min-width: 0; }
.rank { font-size: 0.75rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.rank::before { content: "#"; }
.phrase { font-size: 1.6rem; line-height: 1.25; font-weight: 600; overflow-wrap: anywhere; }
.trad { font-size: 1.05rem; color: var(--muted); line-height: 1.3; overflow-wrap: anywhere; }
.clause { display: inline-block; }
.pinyin { font-size: 0.98rem; margin-top: 0.15rem; }
.tone1 { color: var(--tone1); }
.tone2 { color: var(--tone2); }
.tone3 { color: var(--tone3); }
.tone4 { color: var(--tone4); }
.tone5 { color: var(--tone5); }
.body { min-width: 0; }
.body p { margin: 0 0 0.25rem; }
.meaning { font-size: 1rem; }
.note { color: var(--muted); font-size: 0.85em; font-style: italic; }
.literal, .attribution, .dictform { color: var(--muted); font-size: 0.92rem; }
.literal .label { font-style: italic; }
.context {
  margin: 0.35rem 0 0.25rem;
  padding: 0.1rem 0 0.1rem 0.7rem;
  border-left: 3px solid var(--rule);
  font-size: 1.02rem;
  line-height: 1.65;
}
mark { background: var(--mark); color: inherit; padding: 0 0.05em; border-radius: 2px; font-weight: 600; }
.source { color: var(--muted); font-size: 0.82rem; }
.uses { white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 1.5rem; padding-top: 0.5rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.8rem; }
footer a { color: inherit; }
@media screen and (prefers-color-scheme: dark) {
  :root {
    --ink: #e8e8ea;
    --muted: #a0a0a8;
    --rule: #3a3a40;
    --mark: #5a4a00;
    --tone1: #ff6b6b;
    --tone2: #ffb347;
    --tone3: #6fd36f;
    --tone4: #6fa8ff;
    --tone5: #a8a8b0;
  }
  html { background: #18181b; }
}
@media (max-width: 36rem) {
  .entry { grid-template-columns: 1fr; }
  .head { flex-direction: row; flex-wrap: wrap; align-items: baseline; gap: 0 0.6rem; }
}
@media print {
  @page { size: A4; margin: 14mm 13mm 16mm; }
  html { background: none; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 18pt; }
  /* Tone marks carry the tone; colour would print as indistinct greys. */
  .tone1, .tone2, .tone3, .tone4, .tone5 { color: inherit; }
  .legend { display: none; }
  .rank, .trad, .summary, .sources, .literal, .attribution, .dictform, .source, .note, footer { color: #444; }
  mark { background: none; font-weight: 700; text-decoration: underline; text-underline-offset: 0.18em; }
  .context { border-left-color: #999; }
  .entry { border-bottom-color: #bbb; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { text-decoration: none; }
}
`;
