// The atomic writer (src/write/atomic.ts, which loads node:crypto) is loaded by the first command that
// writes a file, not at start-up: `extract` to standard output never needs it. Loaded through here, so
// that the interrupt handler knows synchronously whether any write can be pending.
type AtomicWrites = typeof import('../write/atomic.js');

let loaded: AtomicWrites | undefined;

export async function atomicWrites(): Promise<AtomicWrites> {
  loaded ??= await import('../write/atomic.js');
  return loaded;
}

/** Removes the temporary files of unfinished writes; nothing to do if the writer was never loaded. */
export function abandonPendingWrites(): void {
  loaded?.abandonPendingWrites();
}
