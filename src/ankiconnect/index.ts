// Sending cards to a running Anki through the AnkiConnect add-on (API version 6).
export { pushToAnki, fieldSearch } from './push.js';
export type { PushOptions, PushReport } from './push.js';
export { AnkiConnectClient, AnkiConnectError, API_VERSION, DEFAULT_ANKICONNECT_URL } from './client.js';
export type { AnkiAction, ClientOptions } from './client.js';
