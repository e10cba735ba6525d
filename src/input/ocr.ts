// Repairs for character confusions typical of OCR, limited to ones that are unambiguous from the text
// around them. `一` is read as a hyphen: a hyphen that starts a clause and is followed by a Han character
// (`-年来`, `，-些`) is never a hyphen in Chinese text (a real one joins two words: `中国-东盟`).
const DASH_FOR_YI = /(^|[。，：；！？、“（])[-－](?=[\u4e00-\u9fff])/g;

export function repairOcr(text: string): string {
  if (!text.includes('-') && !text.includes('－')) return text;
  return text.replace(DASH_FOR_YI, '$1一');
}
