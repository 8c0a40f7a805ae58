// Staff accounts (scrypt-hashed passwords, lockout after repeated failures), sessions (only a
// hash of the token is stored, with its CSRF token) and the audit log, in the ledger database.
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { SqlDatabase } from '../ledger/database.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 8;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, SCRYPT);
  return `scrypt$${SCRYPT.N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { ...SCRYPT, N: Number(n) });
  return timingSafeEqual(actual, expected);
}

export interface StaffSession {
  staffId: number;
  username: string;
  csrfToken: string;
}

export type LoginResult = { ok: true; token: string; session: StaffSession } | { ok: false; reason: 'invalid' | 'locked' };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Compared against when the user does not exist, so timing does not reveal who does.
const DUMMY_HASH = hashPassword(randomBytes(12).toString('hex'));

export class StaffStore {
  constructor(private readonly db: SqlDatabase) {}

  async add(username: string, password: string): Promise<{ ok: true } | { ok: false; reason: 'weak-password' | 'exists' | 'bad-name' }> {
    if (!/^[\w.@-]{1,64}$/.test(username)) return { ok: false, reason: 'bad-name' };
    if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: 'weak-password' };
    const { rows } = await this.db.query('INSERT INTO staff_accounts (username, password_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id', [username, await hashPassword(password)]);
    return rows.length ? { ok: true } : { ok: false, reason: 'exists' };
  }

  /** The first administrator, from the environment, only while no account exists. */
  async bootstrap(username: string | undefined, password: string | undefined): Promise<boolean> {
    if (!username || !password) return false;
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_accounts');
    if ((rows[0]?.n ?? 0) > 0) return false;
    return (await this.add(username, password)).ok;
  }

  async login(username: string, password: string, now: Date): Promise<LoginResult> {
    const { rows } = await this.db.query<{ id: number; password_hash: string; failed_logins: number; locked_until: Date | null }>(
      'SELECT id, password_hash, failed_logins, locked_until FROM staff_accounts WHERE username = $1',
      [username],
    );
    const account = rows[0];
    if (!account) {
      await verifyPassword(password, await DUMMY_HASH);
      return { ok: false, reason: 'invalid' };
    }
    if (account.locked_until && new Date(account.locked_until) > now) return { ok: false, reason: 'locked' };
    if (!(await verifyPassword(password, account.password_hash))) {
      const failed = account.failed_logins + 1;
      const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await this.db.query('UPDATE staff_accounts SET failed_logins = $2, locked_until = $3 WHERE id = $1', [account.id, lock ? 0 : failed, lock]);
      return { ok: false, reason: lock ? 'locked' : 'invalid' };
    }
    await this.db.query('UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1', [account.id]);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.db.query('INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
      sha256(token),
      account.id,
      csrfToken,
      new Date(now.getTime() + SESSION_HOURS * 3600_000),
    ]);
    return { ok: true, token, session: { staffId: account.id, username, csrfToken } };
  }

  async session(token: string, now: Date): Promise<StaffSession | undefined> {
    const { rows } = await this.db.query<{ staff_id: number; username: string; csrf_token: string }>(
      `SELECT s.staff_id, a.username, s.csrf_token FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
       WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [sha256(token), now],
    );
    const r = rows[0];
    return r ? { staffId: r.staff_id, username: r.username, csrfToken: r.csrf_token } : undefined;
  }

  async logout(token: string): Promise<void> {
    await this.db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [sha256(token)]);
  }

  async audit(staff: string, action: string, target?: string, detail?: object): Promise<void> {
    await this.db.query('INSERT INTO audit_log (staff, action, target, detail) VALUES ($1, $2, $3, $4)', [staff, action, target ?? null, detail ? JSON.stringify(detail) : null]);
  }
}
