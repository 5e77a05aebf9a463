import { describe, it, expect } from 'vitest';
import { murmur3x86_32, base64EncodeBytes, shodanFaviconHash } from '../../src/probes/mmh3.js';

describe('mmh3', () => {
  it('matches published MurmurHash3 x86_32 values (Python mmh3.hash, seed 0)', () => {
    expect(murmur3x86_32(Buffer.from('foo'))).toBe(-156908512);
    expect(murmur3x86_32(Buffer.from('hello'))).toBe(613153351);
    expect(murmur3x86_32(Buffer.from(''))).toBe(0);
    // SMHasher / Wikipedia test vector: 0x2e4ff723 for the pangram with seed 0.
    expect(murmur3x86_32(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x2e4ff723);
    expect(murmur3x86_32(Buffer.from(''), 1)).toBe(0x514e28b7);
  });
  it('base64 like Python base64.encodebytes: 76-char lines, trailing newline', () => {
    const s = base64EncodeBytes(Buffer.alloc(100, 1));
    expect(s.split('\n').map((l) => l.length)).toEqual([76, 60, 0]);
    expect(base64EncodeBytes(Buffer.from('hi'))).toBe('aGk=\n');
  });
  it('Shodan pipeline = mmh3 over the encodebytes text', () => {
    const icon = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));
    expect(shodanFaviconHash(icon)).toBe(murmur3x86_32(Buffer.from(base64EncodeBytes(icon))));
    // "hi" → "aGk=\n"; computed independently from the same reference algorithm above.
    expect(shodanFaviconHash(Buffer.from('hi'))).toBe(murmur3x86_32(Buffer.from('aGk=\n')));
  });
});
