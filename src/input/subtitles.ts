// Subtitles (SubRip `.srt`, WebVTT `.vtt`): a video's transcript, one cue at a time. The cue numbers, the
// timings, the WEBVTT header and the styling tags are dropped; each cue's text stays, a cue per paragraph.

/** `00:00:01,000 --> 00:00:04,000` (SubRip) or `00:01.000 --> 00:04.000 line:90%` (WebVTT, with settings). */
const TIMING = /^[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}[ \t]*-->[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}(?:[ \t].{0,200})?$/;
const CUE_NUMBER = /^[ \t]*\d{1,6}[ \t]*$/;
/** Italics and font tags, WebVTT voice and class spans, SubStation overrides (`{\an8}`) inside a cue. */
const STYLING = /<\/?(?:i|b|u|font|c|v|lang|ruby|rt)(?:[ .][^<>\n]{0,100})?>|\{\\[^{}\n]{0,100}\}/g;

function isSubtitleName(name: string): boolean {
  return /\.(srt|vtt)$/i.test(name);
}

/** Whether the text is subtitles: by its name, or a timing line among its first lines. */
export function looksLikeSubtitles(name: string, text: string): boolean {
  if (isSubtitleName(name)) return true;
  // The first cue's timing comes within the first lines: only they are searched, not the whole text.
  const head = text.slice(0, 2000);
  return head.includes('-->') && head.split('\n', 12).some((line) => TIMING.test(line));
}

/** The cues' text, each cue a paragraph; and how many characters of numbering, timing and styling went. */
export function subtitleText(text: string): { text: string; removed: number } {
  const lines = text.split('\n');
  const kept: string[] = [];
  let removed = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    const next = lines[k + 1];
    const isHeader = k === 0 && /^\uFEFF?WEBVTT\b/.test(line);
    const isNumber = next !== undefined && CUE_NUMBER.test(line) && TIMING.test(next);
    if (isHeader || isNumber || TIMING.test(line)) {
      removed += line.length;
      // A timing opens a cue: the cue before it ends here, even without a blank line.
      if (TIMING.test(line)) kept.push('');
      continue;
    }
    const plain = line.replace(STYLING, '');
    removed += line.length - plain.length;
    kept.push(plain);
  }
  return { text: kept.join('\n'), removed };
}
