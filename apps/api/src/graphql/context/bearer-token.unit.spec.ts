import { rateLimitKeyOf } from '../../http/rate-limit';
import { presentedCredential } from './bearer-token';

describe('reading the Authorization header', () => {
  it.each([
    [undefined, { kind: 'none' }],
    ['', { kind: 'none' }],
    ['Bearer rpt_abc_123', { kind: 'bearer', token: 'rpt_abc_123' }],
    ['bearer   rpt_abc_123 ', { kind: 'bearer', token: 'rpt_abc_123' }],
    ['Basic YWNtZTpzZWNyZXQ=', { kind: 'malformed' }],
    ['Bearer', { kind: 'malformed' }],
    ['Bearer two tokens', { kind: 'malformed' }],
    [['Bearer a', 'Bearer b'], { kind: 'malformed' }],
  ])('reads %j as %j', (header, presented) => {
    expect(presentedCredential(header)).toEqual(presented);
  });

  it('rate-limits by a hash of the token, never the token itself, or by address without one', () => {
    const key = rateLimitKeyOf('Bearer rpt_abc_secret', '10.0.0.1');

    expect(key).toMatch(/^token:/);
    expect(key).not.toContain('secret');
    expect(rateLimitKeyOf('Bearer rpt_abc_secret', '10.0.0.2')).toBe(key);
    expect(rateLimitKeyOf(undefined, '10.0.0.1')).toBe('ip:10.0.0.1');
  });
});
