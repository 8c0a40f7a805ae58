// Finding 12: /api/messages answered a well-formed JWT with an unknown signing key with 500 and
// the library's internal error text. Replayed on the real service mounted with (fake) app
// credentials, on a machine that cannot reach Microsoft's key endpoint: every failure is a quick
// 4xx in our error shape, nothing internal is shown, and the process stays up.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';

const APP_ID = '00000000-0000-0000-0000-0000000000b1';
const activity = { type: 'message', text: 'こんにちは', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/jp/', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: APP_ID } };

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A well-formed RS256 token as a channel would send, signed by a key Microsoft never published. */
function selfSignedJwt(claims: Record<string, unknown>, kid = 'not-a-published-key'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid, x5t: kid });
  const body = b64url({ aud: APP_ID, nbf: now - 60, iat: now - 60, exp: now + 3600, serviceurl: activity.serviceUrl, ...claims });
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
}

describe('/api/messages refuses what it cannot verify', () => {
  let svc: RunningApp;
  beforeAll(async () => {
    svc = await startApp({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password' });
  });
  afterAll(() => svc?.stop());

  const post = async (headers: Record<string, string>, body: string) => {
    const started = Date.now();
    const res = await fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text), ms: Date.now() - started };
  };
  const internal = /ENOTFOUND|getaddrinfo|login\.botframework|login\.microsoftonline|Signing Key|openid|stack|at \w+ \(|FetchError|AuthenticationError/i;

  it.each([
    ['a self-signed channel token with an unknown key', () => ({ authorization: `Bearer ${selfSignedJwt({ iss: 'https://api.botframework.com' })}` })],
    ['a self-signed Emulator token with an unknown key', () => ({ authorization: `Bearer ${selfSignedJwt({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', appid: APP_ID, ver: '1.0' })}` })],
    ['a garbage bearer', () => ({ authorization: 'Bearer not.a.jwt' })],
    ['a bearer of junk bytes', () => ({ authorization: `Bearer ${'A'.repeat(4000)}` })],
    ['another scheme', () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['no Authorization header', () => ({})],
  ])('answers %s with 401 JSON, quickly and without internal text', async (_name, headers) => {
    const answer = await post(headers(), JSON.stringify(activity));
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect(answer.text).not.toMatch(internal);
    expect(answer.ms).toBeLessThan(7000);
  });

  it.each([
    ['invalid JSON', '{bad', 400, 'bad-json'],
    ['an array', '[1,2]', 400, 'bad-activity'],
    ['an empty object', '{}', 400, 'bad-activity'],
    ['a type that is not a string', '{"type":1}', 400, 'bad-activity'],
    ['null', 'null', 400, 'bad-activity'],
    ['a serviceUrl that is not a string', JSON.stringify({ ...activity, serviceUrl: { x: 1 } }), 400, 'bad-activity'],
  ])('answers a body that is %s with a 4xx JSON error', async (_name, body, status, code) => {
    const answer = await post({ authorization: `Bearer ${selfSignedJwt({ iss: 'https://api.botframework.com' })}` }, body);
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual({ error: { code, message: expect.any(String) } });
    expect(answer.text).not.toMatch(internal);
  });

  it('stays up through a burst of forged tokens', async () => {
    const token = selfSignedJwt({ iss: 'https://api.botframework.com' });
    const answers = await Promise.all(Array.from({ length: 30 }, () => post({ authorization: `Bearer ${token}` }, JSON.stringify(activity))));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(401));
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });
});
