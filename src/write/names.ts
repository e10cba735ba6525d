// Limits of file names, shared by the atomic writer and the checks made before any work is done.

/** The longest file name most file systems take, in bytes (85 Chinese characters of UTF-8). */
export const MAX_NAME_BYTES = 255;
