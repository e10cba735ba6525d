// A text's own title and date, for the card's source field.
import type { Block } from '../types.js';
import { endsWithDateline } from './roles.js';

const FULL_DATE = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const ISO_DATE = /(?:^|[^0-9])((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})(?![0-9])/;
/** `据新华社北京3月7日电`, `新华社北京3月7日电`: a wire dateline without a year. */
const WIRE_DATELINE = /(\d{1,2}月\d{1,2}日)电/;

const pad = (n: string): string => n.padStart(2, '0');

function validIso(y: string, m: string, d: string): string | undefined {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The first date given in full near the top (ISO), else a wire dateline as written, else undefined. */
export function findDate(blocks: readonly Block[], lookAhead = 8): string | undefined {
  const head = blocks.slice(0, lookAhead);
  for (const block of head) {
    const text = block.text.slice(0, 300);
    // Each pattern needs a character most paragraphs lack: a search only where it occurs.
    const full = text.includes('年') ? FULL_DATE.exec(text) : null;
    if (full) {
      const iso = validIso(full[1] as string, full[2] as string, full[3] as string);
      if (iso) return iso;
    }
    const iso = text.includes('-') || text.includes('.') || text.includes('/') ? ISO_DATE.exec(text) : null;
    if (iso) {
      const date = validIso(iso[1] as string, iso[2] as string, iso[3] as string);
      if (date) return date;
    }
  }
  for (const block of head) {
    const lead = block.text.slice(0, 80);
    const wire = lead.includes('电') ? WIRE_DATELINE.exec(lead) : null;
    if (wire) return wire[1];
  }
  return undefined;
}

/** The first heading: a markdown `#` title, a standalone headline, or the first line when it is one. */
export function findTitle(blocks: readonly Block[]): string | undefined {
  const heading = blocks.find((b) => b.role === 'heading' && !endsWithDateline(b.text));
  return heading?.text;
}

