// The Anki package: note type, notes, deck and the .apkg writer. The pieces other outputs reuse (fields,
// GUIDs, tags, templates) are exported so every output describes a phrase the same way.
export { FIELD_NAMES, TAG_ROOT, noteFields, noteTags, tagComponent } from './note.js';
export type { FieldName, NoteOptions } from './note.js';
export { noteGuid, deckId, noteTypeId } from './ids.js';
export { CARD_TEMPLATE_NAMES, NOTE_TYPE_ID, NOTE_TYPE_NAME, loadNoteType } from './model.js';
export type { CardTemplate, CardTemplateName, NoteType, NoteTypeOptions, Script } from './model.js';
export { deckDescription, planDecks } from './deck.js';
export { escapeField, fieldChecksum, pinyinHtml, stripHtml, toneOf } from './html.js';
export { renderTemplate, requirement } from './render.js';
export type { FieldValues, Requirement } from './render.js';
export { buildPackage } from './package.js';
export type { DeckOptions } from './package.js';
