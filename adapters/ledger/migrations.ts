// Schema migrations, applied in order at start-up. Append new ones; never edit an applied one.
import type { SqlDatabase } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'reservation ledger',
    sql: `
      -- One row per window anyone has booked or staff has set; counts only change in the
      -- same transaction as the reservation that causes them.
      CREATE TABLE window_slots (
        slot_date date NOT NULL,
        start_time text NOT NULL CHECK (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
        booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
        capacity_override integer CHECK (capacity_override >= 0),
        blocked boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (slot_date, start_time)
      );
      -- Only what the rules need (R10): birthday month/day, phone, optional e-mail, channel id.
      CREATE TABLE reservations (
        number text PRIMARY KEY CHECK (number ~ '^[0-9]{6,8}$'),
        slot_date date NOT NULL,
        start_time text NOT NULL,
        end_time text NOT NULL,
        status text NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked-in', 'no-show')),
        channel text NOT NULL CHECK (channel IN ('web', 'line', 'phone')),
        birthday text NOT NULL CHECK (birthday ~ '^[0-1][0-9]-[0-3][0-9]$'),
        phone text NOT NULL,
        email text,
        line_user_id text,
        holder_key text NOT NULL,
        idempotency_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (slot_date, start_time) REFERENCES window_slots (slot_date, start_time)
      );
      CREATE INDEX reservations_by_date ON reservations (slot_date, start_time);
      CREATE INDEX reservations_active_by_holder ON reservations (holder_key, slot_date) WHERE status = 'booked';
      CREATE INDEX reservations_by_line_user ON reservations (line_user_id, slot_date) WHERE line_user_id IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'conversation transcripts',
    sql: `
      -- What was said, so staff can read a conversation (kept TRANSCRIPT_RETENTION_DAYS days).
      CREATE TABLE transcript_activities (
        seq bigserial PRIMARY KEY,
        channel_id text NOT NULL,
        conversation_id text NOT NULL,
        activity_id text NOT NULL,
        ts timestamptz NOT NULL,
        activity jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel_id, conversation_id, activity_id)
      );
      CREATE INDEX transcript_by_conversation ON transcript_activities (channel_id, conversation_id, seq);
      CREATE INDEX transcript_by_age ON transcript_activities (created_at);
    `,
  },
  {
    version: 3,
    name: 'staff accounts, sessions and audit log',
    sql: `
      CREATE TABLE staff_accounts (
        id serial PRIMARY KEY,
        username text NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
        password_hash text NOT NULL,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Only a hash of the session token is kept: a copy of this table opens no session.
      CREATE TABLE staff_sessions (
        token_hash text PRIMARY KEY,
        staff_id integer NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      -- Every staff action, who and when (personal data stays out: targets are numbers and dates).
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        staff text NOT NULL,
        action text NOT NULL,
        target text,
        detail jsonb
      );
    `,
  },
  {
    version: 4,
    name: 'handoffs',
    sql: `
      -- A conversation handed to staff. While one is open (not resolved) the bot stays out of
      -- that conversation. The transcript itself stays in transcript_activities.
      CREATE TABLE handoffs (
        id uuid PRIMARY KEY,
        channel_id text NOT NULL,
        conversation_id text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('web', 'line', 'phone')),
        reason text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('reply', 'transfer', 'callback')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'resolved')),
        -- Phone handoffs only: the number staff call back (the caller's own, as Twilio gave it).
        callback_phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_by text,
        claimed_at timestamptz,
        resolved_by text,
        resolved_at timestamptz,
        -- When the citizen was last told their message reached staff (not more than now and then).
        acked_at timestamptz
      );
      CREATE UNIQUE INDEX handoffs_one_active ON handoffs (channel_id, conversation_id) WHERE status <> 'resolved';
      CREATE INDEX handoffs_recent ON handoffs (created_at DESC);
    `,
  },
  {
    version: 5,
    name: 'scheduled job runs',
    sql: `
      -- The last day each daily job ran, so one instance runs it once a day however many start.
      CREATE TABLE job_runs (
        name text PRIMARY KEY,
        last_run date NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'security alerts',
    sql: `
      -- What staff should know about abuse: a reservation number locked by wrong birthdays, a
      -- client that reached its bookings for the day. One row per occurrence (dedupe_key), never
      -- a birthday or a full phone number: the subject is what staff may read.
      CREATE TABLE security_alerts (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('lookup-locked', 'booking-limit')),
        channel text NOT NULL,
        subject text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_by text,
        acknowledged_at timestamptz
      );
      CREATE INDEX security_alerts_recent ON security_alerts (created_at DESC);
    `,
  },
  {
    version: 7,
    name: 'staff login failures by name',
    sql: `
      -- Failed staff logins per name typed, whether or not an account has it, so the answers to
      -- a guesser never tell which names exist (staff_accounts.failed_logins and locked_until are
      -- no longer used). Only a hash of the name: people type passwords into the name field.
      CREATE TABLE staff_login_failures (
        name_hash text PRIMARY KEY,
        attempts integer NOT NULL,
        locked_until timestamptz,
        last_at timestamptz NOT NULL
      );
      CREATE INDEX staff_login_failures_by_age ON staff_login_failures (last_at);
    `,
  },
  {
    version: 8,
    name: 'handoff conversation references',
    sql: `
      -- Where a handoff's conversation can be written to later (botbuilder's ConversationReference:
      -- channel, conversation, user, bot and serviceUrl), so staff replies and notices go through
      -- the door that serves it; no ids are rebuilt by hand.
      ALTER TABLE handoffs ADD COLUMN reference jsonb;
    `,
  },
  {
    version: 9,
    name: 'handoff wait notices and callback requests',
    sql: `
      -- When the citizen was told that no one can answer now (desk phone and a callback offered):
      -- set once per handoff, by whichever instance tells them.
      ALTER TABLE handoffs ADD COLUMN wait_told_at timestamptz;
      -- When the citizen asked for a callback and was asked for the number (their next message is read as it).
      ALTER TABLE handoffs ADD COLUMN callback_asked_at timestamptz;
      CREATE INDEX handoffs_unanswered ON handoffs (created_at) WHERE status = 'open' AND wait_told_at IS NULL;
    `,
  },
  {
    version: 10,
    name: 'reminders before the visit',
    sql: `
      -- One row per reservation whose reminder anything is known of (issue 15): where it was booked
      -- (the conversation reference: a LINE reminder is pushed into it) and in which language, and
      -- the reminder's state for one window (what a 'sent' was sent for). A reservation with no row
      -- is reminded all the same (e-mail, SMS); the job adds the row when it first sends.
      CREATE TABLE reminders (
        number text PRIMARY KEY REFERENCES reservations (number) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'off')),
        reason text,
        window_date date,
        window_start text,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- Not before this instant (service clock): a send under way, or the backoff after a failure.
        next_attempt_at timestamptz,
        sent_at timestamptz,
        reference jsonb,
        lang text NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en')),
        -- The conversation the booking was made in, to find "the booking just made here".
        channel_id text,
        conversation_id text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX reminders_by_conversation ON reminders (channel_id, conversation_id);
    `,
  },
  {
    version: 11,
    name: 'proxy form requests',
    sql: `
      -- Requests to mail the proxy form (照会書兼回答書, R21c step 1) for the desk to call back:
      -- the holder's name in kana, birthday MM-DD and the number to call — never a My Number.
      -- Who changed a status, and when, is in audit_log (target = id). Purged by the retention
      -- job: closed ones TRANSCRIPT_RETENTION_DAYS after closing, any RESERVATION_RETENTION_DAYS
      -- after the request.
      CREATE TABLE proxy_form_requests (
        id uuid PRIMARY KEY,
        kana_name text NOT NULL CHECK (length(kana_name) BETWEEN 2 AND 40 AND kana_name !~ '[0-9]'),
        birthday text NOT NULL CHECK (birthday ~ '^[0-1][0-9]-[0-3][0-9]$'),
        phone text NOT NULL CHECK (phone ~ '^0[0-9]{9,10}$'),
        channel text NOT NULL CHECK (channel IN ('web', 'line', 'phone')),
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'called-back', 'mailed', 'closed')),
        -- One per read-back the citizen agreed to: a retried webhook stores it once.
        idempotency_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text,
        closed_at timestamptz
      );
      CREATE INDEX proxy_form_requests_recent ON proxy_form_requests (created_at DESC);
      CREATE INDEX proxy_form_requests_open ON proxy_form_requests (phone, birthday) WHERE status <> 'closed';
    `,
  },
];

const MIGRATION_LOCK = 7_102_001; // any constant shared by every instance

/** Applies the migrations not yet applied; safe when several instances start at once. */
export async function migrate(db: SqlDatabase, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Under the lock: two instances creating the table at once would collide.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
}
