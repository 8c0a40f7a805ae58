// The staff API a window-102 clerk uses: login, the day's reservations, check-in (R22), no-show
// (R23), cancel; refused without a session (401) or without the CSRF token (403); audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { staffApi } from '../support/clients.js';

const ADMIN = { user: 'tanaka', password: 'correct horse battery' };

describe('staff API', () => {
  let svc: RunningApp;
  let numbers: string[];
  beforeAll(async () => {
    // The morning of 12月1日(火): two reservations today.
    svc = await startApp({ FAKE_NOW: '2026-12-01T09:05:00+09:00', STAFF_ADMIN_USER: ADMIN.user, STAFF_ADMIN_PASSWORD: ADMIN.password });
    const now = new Date('2026-11-25T10:00:00+09:00');
    numbers = [];
    for (const [start, birthday] of [['10:00', '05-03'], ['10:30', '12-24']] as const) {
      const r = await svc.app.desk.book({ date: '2026-12-01', start, channel: 'phone', holder: { birthday, phone: '09012345678' }, now });
      if (!r.ok) throw new Error(r.reason);
      numbers.push(r.reservation.number);
    }
  });
  afterAll(() => svc?.stop());

  const call: ReturnType<typeof staffApi>['call'] = (...args) => staffApi(svc.url, ADMIN).call(...args);
  const login = () => staffApi(svc.url, ADMIN).login();
  it('logs in with an HttpOnly, SameSite=Strict session cookie and a CSRF token', async () => {
    const s = await login();
    expect(s.setCookie).toMatch(/HttpOnly/);
    expect(s.setCookie).toMatch(/SameSite=Strict/);
    expect(s.csrf.length).toBeGreaterThan(20);
  });

  it('lists the day by window with masked phone numbers; 401 without a session', async () => {
    expect((await call('GET', '/api/staff/reservations?date=2026-12-01')).status).toBe(401);
    const s = await login();
    const r = await call('GET', '/api/staff/reservations?date=2026-12-01', s);
    expect(r.body.reservations.map((x: any) => [x.start, x.status, x.channel, x.phone])).toEqual([
      ['10:00', 'booked', 'phone', '090-****-5678'],
      ['10:30', 'booked', 'phone', '090-****-5678'],
    ]);
    expect(JSON.stringify(r.body)).not.toContain('09012345678');
    expect(JSON.stringify(r.body)).not.toContain('05-03');
    expect((await call('GET', '/api/staff/reservations?date=12/1', s)).status).toBe(400);
  });

  it('R22: checks in only with the right birthday; changes need the CSRF token', async () => {
    const s = await login();
    const path = `/api/staff/reservations/${numbers[0]}/check-in`;
    expect((await call('POST', path, { cookie: s.cookie, body: { birthday: '05-03' } })).status).toBe(403);
    const wrong = await call('POST', path, { ...s, body: { birthday: '05-04' } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.message).toContain('誕生日');
    const ok = await call('POST', path, { ...s, body: { birthday: '05-03' } });
    expect(ok.status).toBe(200);
    expect(ok.body.reservation.status).toBe('checked-in');
    expect((await call('POST', path, { ...s, body: { birthday: 'May 3' } })).status).toBe(400);
  });

  it('R23: marks a no-show; cancels; both refuse a reservation that is not booked', async () => {
    const s = await login();
    const noShow = await call('POST', `/api/staff/reservations/${numbers[1]}/no-show`, s);
    expect(noShow.body.reservation.status).toBe('no-show');
    expect((await call('POST', `/api/staff/reservations/${numbers[1]}/cancel`, s)).status).toBe(409);
    expect((await call('POST', '/api/staff/reservations/12/cancel', s)).status).toBe(400);
  });

  it('locks an account after five wrong passwords, and logs out', async () => {
    await svc.app.ledger.db.query("INSERT INTO staff_accounts (username, password_hash) SELECT 'victim', password_hash FROM staff_accounts WHERE username = $1", [ADMIN.user]);
    for (let i = 0; i < 4; i++) expect((await call('POST', '/api/staff/login', { body: { user: 'victim', password: 'wrong-password' } })).status).toBe(401);
    expect((await call('POST', '/api/staff/login', { body: { user: 'victim', password: 'wrong-password' } })).status).toBe(423);
    expect((await call('POST', '/api/staff/login', { body: { user: 'victim', password: ADMIN.password } })).status).toBe(423);
    expect((await call('POST', '/api/staff/login', { body: { user: 'nobody', password: 'x' } })).status).toBe(401);
    const s = await login();
    expect((await call('POST', '/api/staff/logout', s)).status).toBe(200);
    expect((await call('GET', '/api/staff/reservations?date=2026-12-01', s)).status).toBe(401);
  });

  it('writes every staff action to the audit log, without personal data', async () => {
    const { rows } = await svc.app.ledger.db.query<{ staff: string; action: string; target: string | null }>('SELECT staff, action, target FROM audit_log ORDER BY id');
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'list-reservations', 'check-in', 'no-show', 'login-invalid', 'login-locked', 'logout']));
    expect(JSON.stringify(rows)).not.toContain('09012345678');
  });
});
