// Escaping for the text formats this folder writes. Every string that comes from an input or a dictionary
// passes through one of these before it meets our own markup.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside HTML element content and inside quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// The characters that can open Markdown syntax inside a line: emphasis, code, links and images (with `[`
// and `]` escaped, `(`, `)` and `!` can no longer form one, so meanings keep their readable parentheses),
// raw HTML and entities, GFM tables and strikethrough, and headings.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>&|~#]/g;

/** Text that renders literally in CommonMark / GitHub Markdown, on one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}
