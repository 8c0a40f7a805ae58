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

  it('R25/R11: books for a caller on the reservation line, once per request, and finds it by number', async () => {
    const s = await login();
    const caller = { date: '2026-12-02', start: '11:00', birthday: '07-07', phone: '072-721-0000' };
    expect((await call('POST', '/api/staff/reservations', { body: caller })).status).toBe(401);
    expect((await call('POST', '/api/staff/reservations', { cookie: s.cookie, body: caller })).status).toBe(403);
    const post = (body: unknown, key?: string) =>
      fetch(svc.url + '/api/staff/reservations', { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(body) });
    const first = await post(caller, 'call-1');
    expect(first.status).toBe(201);
    const booked = ((await first.json()) as any).reservation;
    expect(booked).toMatchObject({ date: '2026-12-02', start: '11:00', end: '11:30', status: 'booked', channel: 'phone', phone: '072-****-0000' });
    expect(booked.number).toMatch(/^\d{8}$/);
    // A double-click (the same key) books once; the same holder again is refused (R9).
    const again = await post(caller, 'call-1');
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).reservation.number).toBe(booked.number);
    const twice = await post({ ...caller, start: '11:30' }, 'call-2');
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as any).error.message).toContain('すでに予約');
    // A Sunday, a bad birthday, no window: clear refusals.
    const sunday = await post({ ...caller, date: '2026-12-06', phone: '09087654321' });
    expect(sunday.status).toBe(409);
    expect(((await sunday.json()) as any).error.message).toContain('閉庁日');
    expect((await post({ ...caller, birthday: '13-45', phone: '09087654321' })).status).toBe(400);
    expect((await post({ ...caller, start: 'noon' })).status).toBe(400);

    const found = await call('GET', `/api/staff/reservations/${booked.number}`, s);
    expect(found.body.reservation.number).toBe(booked.number);
    expect((await call('GET', '/api/staff/reservations/00000000', s)).status).toBe(404);
    expect((await call('GET', '/api/staff/reservations/12ab', s)).status).toBe(400);
    expect((await call('GET', `/api/staff/reservations/${booked.number}`)).status).toBe(401);
  });

  it('moves a reservation to another window for a caller; refuses a full or started one', async () => {
    const s = await login();
    const made = await svc.app.desk.book({ date: '2026-12-03', start: '09:00', channel: 'web', holder: { birthday: '08-08', phone: '09055556666', email: 'b@example.jp' }, now: new Date('2026-11-25T10:00:00+09:00') });
    if (!made.ok) throw new Error(made.reason);
    const n = made.reservation.number;
    expect((await call('POST', `/api/staff/reservations/${n}/change`, { cookie: s.cookie, body: { date: '2026-12-03', start: '14:00' } })).status).toBe(403);
    const moved = await call('POST', `/api/staff/reservations/${n}/change`, { ...s, body: { date: '2026-12-03', start: '14:00' } });
    expect(moved.status).toBe(200);
    expect(moved.body.reservation).toMatchObject({ number: n, start: '14:00', status: 'booked' });
    expect(moved.body.previous).toEqual({ date: '2026-12-03', start: '09:00' });
    await svc.app.desk.setWindow('2026-12-03', '15:00', { blocked: true });
    const stopped = await call('POST', `/api/staff/reservations/${n}/change`, { ...s, body: { date: '2026-12-03', start: '15:00' } });
    expect(stopped.status).toBe(409);
    expect(stopped.body.error.message).toContain('受付停止');
    // This morning's 10:00 window has not started yet at 09:05; 09:00 has.
    expect((await call('POST', `/api/staff/reservations/${n}/change`, { ...s, body: { date: '2026-12-01', start: '09:00' } })).status).toBe(409);
    expect((await call('POST', `/api/staff/reservations/99999999/change`, { ...s, body: { date: '2026-12-03', start: '10:00' } })).status).toBe(404);
  });

  it('answers every staff route 401 without a session, and every change 403 without the CSRF token', async () => {
    const s = await login();
    const id = '00000000-0000-4000-8000-000000000000';
    const reads = ['/api/staff/session', '/api/staff/reservations?date=2026-12-01', '/api/staff/reservations/12345678', '/api/staff/windows?date=2026-12-01', '/api/staff/handoffs', `/api/staff/handoffs/${id}`, '/api/staff/events'];
    const changes = [
      '/api/staff/logout', '/api/staff/reservations', '/api/staff/reservations/12345678/check-in', '/api/staff/reservations/12345678/no-show',
      '/api/staff/reservations/12345678/cancel', '/api/staff/reservations/12345678/change', '/api/staff/windows/2026-12-01/10:00/block',
      '/api/staff/windows/2026-12-01/10:00/unblock', '/api/staff/windows/2026-12-01/10:00/capacity', `/api/staff/handoffs/${id}/claim`,
      `/api/staff/handoffs/${id}/reply`, `/api/staff/handoffs/${id}/resolve`,
    ];
    for (const path of reads) expect([path, (await call('GET', path)).status]).toEqual([path, 401]);
    for (const path of changes) {
      expect([path, (await call('POST', path, { body: {} })).status]).toEqual([path, 401]);
      expect([path, (await call('POST', path, { cookie: s.cookie, csrf: 'forged', body: {} })).status]).toEqual([path, 403]);
    }
    // A forged or expired session cookie is no session.
    expect((await call('GET', '/api/staff/session', { cookie: 'ecert_staff=forged' })).status).toBe(401);
  });

  it('writes every staff action to the audit log, without personal data', async () => {
    const { rows } = await svc.app.ledger.db.query<{ staff: string; action: string; target: string | null }>('SELECT staff, action, target FROM audit_log ORDER BY id');
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'list-reservations', 'check-in', 'no-show', 'login-invalid', 'login-locked', 'logout']));
    expect(JSON.stringify(rows)).not.toContain('09012345678');
  });
});
