import { describe, expect, it } from 'vitest';
import { HostAllowlistError, parseHostAllowlist } from '../../src/transcripts/host-allowlist.js';

describe('TRANSCRIPT_HOSTS', () => {
  const list = parseHostAllowlist(' media.example.com, *.cdn.example.net ,127.0.0.1,::1,,');

  it.each([
    ['media.example.com', true],
    ['MEDIA.Example.com.', true],
    ['evil-media.example.com', false],
    ['media.example.com.evil.test', false],
    ['a.cdn.example.net', true],
    ['a.b.cdn.example.net', true],
    ['cdn.example.net', false],
    ['xcdn.example.net', false],
    ['127.0.0.1', true],
    ['::1', true],
    ['[::1]', true],
    ['127.0.0.2', false],
  ])('%s allowed: %s', (host, allowed) => {
    expect(list.allows(host)).toBe(allowed);
  });

  it('lists its canonical entries; an empty list allows nothing', () => {
    expect(list.entries).toEqual(['media.example.com', '127.0.0.1', '::1', '*.cdn.example.net']);
    expect(parseHostAllowlist('').allows('media.example.com')).toBe(false);
  });

  it.each([
    'media.example.com:443',
    'https://media.example.com',
    'media.example.com/path',
    '*',
    '*.127.0.0.1',
    'a b',
    'user@host',
  ])('refuses the entry %s, naming the variable', (entry) => {
    expect(() => parseHostAllowlist(entry)).toThrow(HostAllowlistError);
    expect(() => parseHostAllowlist(entry)).toThrow(/^TRANSCRIPT_HOSTS: /);
  });
});
