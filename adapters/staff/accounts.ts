// Staff accounts (scrypt-hashed passwords, lockout after repeated failures), sessions (only a
// hash of the token is stored, with its CSRF token) and the audit log, in the ledger database.
//
// The lockout counts per name typed, known or not, in one atomic statement that claims the
// attempt before the password is checked: parallel guesses cannot all read "0 failures" and
// each get a check, and a name that does not exist is answered exactly as one that does
// (same status and message after the same number of tries, the same scrypt work each time).
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

/** A session's name in messages between instances (its logout ends its event streams); opens nothing. */
export const sessionKey = (token: string): string => sha256(`session-key:${token}`);
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
    const { rows } = await this.db.query<{ id: number; password_hash: string }>('SELECT id, password_hash FROM staff_accounts WHERE username = $1', [username]);
    const account = rows[0];
    const name = sha256(`staff-login:${username}`);
    const attempt = await this.claimAttempt(name, now);
    if (attempt > MAX_FAILED_LOGINS) return { ok: false, reason: 'locked' };
    // Checked against a hash either way: the time taken does not tell whether the name exists.
    const matches = await verifyPassword(password, account?.password_hash ?? (await DUMMY_HASH));
    if (!account || !matches) return { ok: false, reason: attempt === MAX_FAILED_LOGINS ? 'locked' : 'invalid' };
    await this.db.query('DELETE FROM staff_login_failures WHERE name_hash = $1', [name]);
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

  /**
   * Counts this attempt for the name and returns its number since the count last started; the
   * attempt that reaches MAX_FAILED_LOGINS sets the lock (a right password then still opens it
   * and clears the count), and every attempt after it is refused until the lock ends. A count
   * with no attempt for LOCK_MINUTES starts again, and such rows are removed.
   */
  private async claimAttempt(name: string, now: Date): Promise<number> {
    const stale = new Date(now.getTime() - LOCK_MINUTES * 60_000);
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const { rows } = await this.db.query<{ attempts: number }>(
      `INSERT INTO staff_login_failures AS f (name_hash, attempts, locked_until, last_at)
       VALUES ($1, 1, CASE WHEN $5::int <= 1 THEN $4::timestamptz END, $2::timestamptz)
       ON CONFLICT (name_hash) DO UPDATE SET
         attempts = CASE WHEN f.locked_until <= $2::timestamptz OR (f.locked_until IS NULL AND f.last_at <= $3::timestamptz) THEN 1
                         ELSE LEAST(f.attempts + 1, 1000000) END,
         locked_until = CASE WHEN f.locked_until <= $2::timestamptz OR (f.locked_until IS NULL AND f.last_at <= $3::timestamptz) THEN NULL
                             WHEN f.locked_until IS NOT NULL THEN f.locked_until
                             WHEN f.attempts + 1 >= $5::int THEN $4::timestamptz
                             ELSE NULL END,
         last_at = $2::timestamptz
       RETURNING attempts`,
      [name, now, stale, lockUntil, MAX_FAILED_LOGINS],
    );
    await this.db.query('DELETE FROM staff_login_failures WHERE last_at < $1 AND (locked_until IS NULL OR locked_until < $2)', [stale, now]);
    return rows[0]!.attempts;
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
