// The phone line simulator's server side: staff only (session and CSRF), posts only to the voice
// webhook's own paths, signs as Twilio does (the webhook refuses anything else), and is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_CONSOLE_CSP } from '../../adapters/staff/console-page.js';
import { startApp, type RunningApp } from '../support/app.js';
import { staffApi, type StaffLogin } from '../support/clients.js';
import { twimlProblems } from '../support/twiml.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };
const TURN = '/api/staff/voice/turn';

describe('the phone line simulator’s server side', () => {
  let svc: RunningApp;
  let api: ReturnType<typeof staffApi>;
  let s: StaffLogin;
  beforeAll(async () => {
    svc = await startApp({ FAKE_NOW: '2026-11-25T10:00:00+09:00', TWILIO_AUTH_TOKEN: 'sim-token', PUBLIC_BASE_URL: 'https://ecert.example.jp', STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    api = staffApi(svc.url, ADMIN);
    s = await api.login();
  });
  afterAll(() => svc?.stop());

  it('serves the page under the staff console’s CSP', async () => {
    const res = await fetch(svc.url + '/staff/voice');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(STAFF_CONSOLE_CSP);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a turn without a session (401) or without the CSRF token (403)', async () => {
    expect((await api.call('POST', TURN, { body: { path: '/api/twilio/voice' } })).status).toBe(401);
    expect((await api.call('POST', TURN, { cookie: s.cookie, body: { path: '/api/twilio/voice' } })).status).toBe(403);
  });

  it.each([
    ['another API', '/api/staff/login'],
    ['another host', 'https://evil.example/api/twilio/voice'],
    ['a path that climbs out', '/api/twilio/voice/../staff/login'],
    ['a query of its own', '/api/twilio/voice?turn=1&From=%2B819000000000'],
  ])('posts nowhere but the voice webhook: %s is refused', async (_name, path) => {
    const r = await api.call('POST', TURN, { ...s, body: { path } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('bad-path');
  });

  it('answers with the webhook’s own TwiML, signed as Twilio signs, and audits the turn', async () => {
    const first = await api.call('POST', TURN, { ...s, body: { path: '/api/twilio/voice', from: '090-1234-5678' } });
    expect(first.status).toBe(200);
    expect(first.body.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(twimlProblems(first.body.twiml)).toEqual([]);
    expect(first.body.twiml).toContain('予約は1');
    const next = await api.call('POST', TURN, { ...s, body: { path: '/api/twilio/voice?turn=1', callSid: first.body.callSid, from: '090-1234-5678', digits: '1' } });
    expect(next.body.twiml).toContain('通知書');
    // A call id the simulator did not give is refused.
    expect((await api.call('POST', TURN, { ...s, body: { path: '/api/twilio/voice?turn=2', callSid: 'CA-forged', digits: '1' } })).status).toBe(400);
    const { rows } = await svc.app.ledger.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'voice-simulator-turn'");
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});
