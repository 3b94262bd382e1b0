// Sign-in and sign-out come back where the member was, and never leave the site.
import { describe, expect, it } from 'vitest';
import { returnWithNotice, signInReturnPath, signOutReturnPath } from '../lib/safe-return.ts';

describe('where sign-in returns', () => {
  it('to the callbackUrl the link carries, the sort and comment kept', () => {
    expect(signInReturnPath('/articles/a?sort=new#c12', null, 'x.test')).toBe('/articles/a?sort=new#c12');
  });
  it('else to the page the member came from on this site (the Referer)', () => {
    expect(signInReturnPath(undefined, 'http://x.test/articles/a?sort=old', 'x.test')).toBe('/articles/a?sort=old');
    expect(signInReturnPath('', 'https://x.test/u/%E5%BC%A0', 'x.test')).toBe('/u/%E5%BC%A0');
  });
  it.each([
    ['https://evil.test/phish', 'x.test'],
    ['http://x.test.evil.test/', 'x.test'],
    ['not a url', 'x.test'],
    ['http://x.test/signin?callbackUrl=/mod', 'x.test'],
    ['http://x.test/signup', 'x.test'],
  ])('never to another site or the sign-in pages: %s', (referer, host) => {
    expect(signInReturnPath(undefined, referer, host)).toBe('/');
  });
  it.each(['//evil.test/x', 'https://evil.test/', '/\\evil.test', '/.//evil.test'])('refuses an open redirect in callbackUrl: %s', (cb) => {
    expect(signInReturnPath(cb, null, 'x.test')).toBe('/');
  });
});

describe('where sign-out returns', () => {
  it('to the page it was asked from, unless it is for members only', () => {
    expect(signOutReturnPath('/articles/a?sort=new')).toBe('/articles/a?sort=new');
    expect(signOutReturnPath('/notifications')).toBe('/');
    expect(signOutReturnPath('/settings?x=1')).toBe('/');
    expect(signOutReturnPath('/mod/log')).toBe('/');
    expect(signOutReturnPath('//evil.test')).toBe('/');
  });
});

describe('where a form post returns with what became of it', () => {
  it('keeps the page and its query, adds the notice, leaves empty values out, and never leaves the site', () => {
    expect(returnWithNotice('/articles/a?sort=top', { refused: 'suspended' }, 'c5')).toBe('/articles/a?sort=top&refused=suspended#c5');
    expect(returnWithNotice('/articles/a', { moderation: '', status: '' }, 'c5')).toBe('/articles/a#c5');
    expect(returnWithNotice('/articles/a', { moderation: 'state_changed', status: 'hidden' }, 'c7')).toBe('/articles/a?moderation=state_changed&status=hidden#c7');
    expect(returnWithNotice('//evil.example/x', { refused: 'x' }, 'c1')).toBe('/?refused=x#c1');
  });
});
