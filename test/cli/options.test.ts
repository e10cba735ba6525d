// Option values read from the environment: SOURCE_DATE_EPOCH, for reproducible decks.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { buildTime } from '../../src/cli/options.js';

describe('buildTime', () => {
  it('takes SOURCE_DATE_EPOCH when set, else the clock', () => {
    expect(buildTime({ SOURCE_DATE_EPOCH: '1700000000' }, 5_000)).toBe(1_700_000_000);
    expect(buildTime({ SOURCE_DATE_EPOCH: ' 0 ' }, 5_000)).toBe(0);
    expect(buildTime({}, 5_999)).toBe(5);
    expect(buildTime({ SOURCE_DATE_EPOCH: '' }, 5_999)).toBe(5);
  });

  it('refuses what is no whole number of seconds, or lies past the year 9999', () => {
    for (const value of ['abc', '-5', '1.5', '1e9']) {
      expect(() => buildTime({ SOURCE_DATE_EPOCH: value })).toThrow(UsageError);
    }
    expect(buildTime({ SOURCE_DATE_EPOCH: '253402300799' })).toBe(253_402_300_799);
    expect(() => buildTime({ SOURCE_DATE_EPOCH: '253402300800' })).toThrow(/after the year 9999/);
    expect(() => buildTime({ SOURCE_DATE_EPOCH: '99999999999999' })).toThrow(/after the year 9999/);
  });
});
