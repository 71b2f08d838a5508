import { describe, expect, it } from 'vitest';
import { toBase64 } from './assets';

describe('toBase64', () => {
  it('matches the platform encoder, also across chunk boundaries', () => {
    for (const size of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 * 2 + 7]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 37 + 11) & 0xff);
      expect(toBase64(bytes), `size ${size}`).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
