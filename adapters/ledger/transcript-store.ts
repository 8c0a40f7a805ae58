// botbuilder's TranscriptStore in the ledger database (PostgreSQL or PGlite): staff read a
// conversation in order; old transcripts are purged after the retention period.
import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type Attachment, type PagedResult, type TranscriptInfo, type TranscriptStore } from 'botbuilder-core';
import type { SqlClient, SqlDatabase } from './database.js';
import { maskedDeep } from './individual-number.js';

export { INDIVIDUAL_NUMBER_MASK, withoutIndividualNumber } from './individual-number.js';

export const PAGE_SIZE = 20;
/** A larger value, channelData or attachments field is not kept: rows stay bounded. */
export const MAX_PART_BYTES = 64 * 1024;

/** A continuation token this store did not hand out (or for another kind of page). */
export class InvalidContinuationTokenError extends Error {
  constructor() {
    super('invalid transcript continuation token');
    this.name = 'InvalidContinuationTokenError';
  }
}

type Row = { position: string; activity: Activity | string };

export class SqlTranscriptStore implements TranscriptStore {
  /**
   * Writes per conversation, in the order they were asked for. TranscriptLoggerMiddleware fires
   * a turn's writes without awaiting them; on a pool they would race and `seq` (the reading
   * order) could put a reply before the message it answers. Reads wait for them too.
   */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly db: SqlDatabase) {}

  /** Each conversation's batch still collecting activities (before its write starts). */
  private readonly collecting = new Map<string, Activity[]>();

  logActivity(activity: Activity): Promise<void> {
    const a = bounded(activity);
    const key = conversationKey(a.channelId, a.conversation?.id);
    const plain = a.type !== ActivityTypes.MessageUpdate && a.type !== ActivityTypes.MessageDelete;
    // A turn's activities arrive together: they join one batch, written as one INSERT.
    const batch = plain ? this.collecting.get(key) : undefined;
    if (batch) {
      batch.push(a);
      return this.pending.get(key)!.then(() => {
        if (this.failures.has(batch)) throw this.failures.get(batch);
      });
    }
    const items = [a];
    // An edit or a deletion closes the batch before it: the order of writes stays the order asked.
    if (plain) this.collecting.set(key, items);
    else this.collecting.delete(key);
    const previous = this.pending.get(key) ?? Promise.resolve();
    const write = previous.then(() => {
      if (this.collecting.get(key) === items) this.collecting.delete(key);
      return plain ? insert(this.db, items) : this.db.transaction((tx) => this.rewrite(tx, a));
    });
    const settled = write.then(
      () => undefined,
      (err: unknown) => void this.failures.set(items, err),
    );
    this.pending.set(key, settled);
    void settled.then(() => {
      if (this.pending.get(key) === settled) this.pending.delete(key);
    });
    return write;
  }

  /** A failed batch's error, for the callers that joined it (kept only while referenced). */
  private readonly failures = new WeakMap<Activity[], unknown>();

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    await this.pending.get(conversationKey(channelId, conversationId));
    const after = continuationToken ? decodeToken('a', continuationToken) : '0';
    const { rows } = await this.db.query<Row>(
      `SELECT seq::text AS position, activity FROM transcript_activities
       WHERE channel_id = $1 AND conversation_id = $2 AND seq > $3 AND ts >= $4
       ORDER BY seq LIMIT ${PAGE_SIZE + 1}`,
      [channelId, conversationId, after, startDate ?? new Date(0)],
    );
    return paged(rows, 'a', (r) => revive(parsed(r.activity)));
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    await Promise.all(this.pending.values());
    const after = continuationToken ? decodeToken('c', continuationToken) : '0';
    // A conversation's place in the list is its first activity: stable while it grows.
    const { rows } = await this.db.query<{ position: string; id: string; created: Date | string }>(
      `SELECT min(seq)::text AS position, conversation_id AS id, min(ts) AS created FROM transcript_activities
       WHERE channel_id = $1 GROUP BY conversation_id HAVING min(seq) > $2
       ORDER BY min(seq) LIMIT ${PAGE_SIZE + 1}`,
      [channelId, after],
    );
    return paged(rows, 'c', (r) => ({ channelId, id: r.id, created: new Date(r.created) }));
  }

  /**
   * The latest `limit` activities of each conversation, oldest first, in one query (the staff
   * console shows many conversations at once; paging through each would cost a query per page).
   */
  async latestOf(conversations: { channelId: string; conversationId: string }[], limit: number): Promise<Map<string, Activity[]>> {
    const found = new Map(conversations.map((c) => [conversationKey(c.channelId, c.conversationId), [] as Activity[]]));
    if (conversations.length === 0) return found;
    await Promise.all(conversations.map((c) => this.pending.get(conversationKey(c.channelId, c.conversationId))));
    const { rows } = await this.db.query<{ channel_id: string; conversation_id: string; activity: Activity | string }>(
      `SELECT channel_id, conversation_id, activity FROM (
         SELECT channel_id, conversation_id, activity, seq,
                row_number() OVER (PARTITION BY channel_id, conversation_id ORDER BY seq DESC) AS n
         FROM transcript_activities
         WHERE (channel_id, conversation_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       ) latest WHERE n <= $3 ORDER BY seq`,
      [conversations.map((c) => c.channelId), conversations.map((c) => c.conversationId), limit],
    );
    for (const r of rows) found.get(conversationKey(r.channel_id, r.conversation_id))?.push(revive(parsed(r.activity)));
    return found;
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    // A write still on its way must not bring the conversation back.
    await this.pending.get(conversationKey(channelId, conversationId));
    await this.db.query('DELETE FROM transcript_activities WHERE channel_id = $1 AND conversation_id = $2', [channelId, conversationId]);
  }

  /** Retention: removes every activity stored before `cutoff`; returns how many went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    // By when we stored it, not the activity's own timestamp, which a client may have set.
    const { rows } = await this.db.query<{ n: number }>(
      'WITH gone AS (DELETE FROM transcript_activities WHERE created_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [cutoff],
    );
    return rows[0]?.n ?? 0;
  }

  /** An edit replaces the message where it was said; a deletion leaves only a tombstone. */
  private async rewrite(tx: SqlClient, a: Activity): Promise<void> {
    const { rows } = await tx.query<{ activity: Activity | string }>(
      `SELECT activity FROM transcript_activities
       WHERE channel_id = $1 AND conversation_id = $2 AND activity_id = $3 FOR UPDATE`,
      [a.channelId ?? '', a.conversation?.id ?? '', a.id],
    );
    const original = rows[0] ? parsed(rows[0].activity) : undefined;
    const edited = original
      ? { ...a, type: original.type, timestamp: original.timestamp, localTimestamp: original.localTimestamp }
      : { ...a, type: ActivityTypes.Message };
    const next = a.type === ActivityTypes.MessageDelete ? tombstone(original ?? a) : edited;
    if (!original) return insert(tx, [next]);
    await tx.query(
      `UPDATE transcript_activities SET activity = $4
       WHERE channel_id = $1 AND conversation_id = $2 AND activity_id = $3`,
      [a.channelId ?? '', a.conversation?.id ?? '', a.id, serialise(next)],
    );
  }
}

/** The activities in order, one row each, in one statement. */
async function insert(db: SqlClient, items: Activity[]): Promise<void> {
  const params: unknown[] = [];
  const rows = items.map((a) => {
    params.push(a.channelId ?? '', a.conversation?.id ?? '', a.id, a.timestamp, serialise(a));
    const n = params.length;
    return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  await db.query(
    `INSERT INTO transcript_activities (channel_id, conversation_id, activity_id, ts, activity)
     VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  );
}

/** A copy fit to store: an id, a Date timestamp, no My Number anywhere, and no oversized value/channelData/attachments. */
function bounded(activity: Activity): Activity {
  const a: Activity = { ...masked(activity), id: activity.id || randomUUID(), timestamp: validDate(activity.timestamp) ?? new Date() };
  if (a.value !== undefined && bytes(a.value) > MAX_PART_BYTES) delete a.value;
  if (a.channelData !== undefined && bytes(a.channelData) > MAX_PART_BYTES) delete a.channelData;
  if (a.attachments !== undefined && bytes(a.attachments) > MAX_PART_BYTES) {
    // Staff still see that something was sent, and what kind.
    const summary: Attachment[] = a.attachments.map(({ contentType, name }) => ({ contentType, ...(name ? { name } : {}) }));
    if (bytes(summary) > MAX_PART_BYTES) delete a.attachments;
    else a.attachments = summary;
  }
  return a;
}

/** Where an activity is routed and who sent it, kept as they are; every other field is masked. */
const ROUTING = new Set(['id', 'replyToId', 'type', 'channelId', 'serviceUrl', 'conversation', 'timestamp', 'localTimestamp', 'localTimezone', 'locale']);

/**
 * The activity with a My Number masked in every string it carries — text, speak, value,
 * channelData, attachments, suggested actions, names — not only the text: a phone turn's keypad
 * digits, a card's submitted value or a client's field would otherwise keep it.
 */
function masked(activity: Activity): Activity {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(activity)) {
    if (ROUTING.has(key)) out[key] = value;
    else if ((key === 'from' || key === 'recipient') && value && typeof value === 'object') out[key] = { ...(maskedDeep(value) as object), id: (value as { id?: unknown }).id };
    else out[key] = maskedDeep(value);
  }
  return out as unknown as Activity;
}

/** What is left of a deleted message: who, where and when, not what. */
function tombstone(a: Activity): Activity {
  return {
    type: ActivityTypes.MessageDelete,
    id: a.id,
    channelId: a.channelId,
    conversation: a.conversation,
    serviceUrl: a.serviceUrl,
    replyToId: a.replyToId,
    locale: a.locale,
    timestamp: a.timestamp,
    localTimestamp: a.localTimestamp,
    from: { id: 'deleted', name: '', role: a.from?.role },
    recipient: { id: 'deleted', name: '', role: a.recipient?.role },
  } as Activity;
}

/** JSON that jsonb accepts: it refuses NUL characters and unpaired surrogates. */
function serialise(a: Activity): string {
  // JSON.stringify writes a NUL or a lone surrogate as an escape; almost no activity has one.
  const json = JSON.stringify(a);
  if (!/\\u0000|\\ud[89a-f]/i.test(json)) return json;
  return JSON.stringify(a, (_key, value: unknown) => {
    if (typeof value === 'string') return clean(value);
    // Keys too: a client's `value` object may carry a NUL or a lone surrogate in a key.
    if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      const entries = Object.entries(value);
      if (entries.some(([k]) => clean(k) !== k)) return Object.fromEntries(entries.map(([k, v]) => [clean(k), v]));
    }
    return value;
  });
}

function clean(s: string): string {
  return s.replace(/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function parsed(stored: Activity | string): Activity {
  return typeof stored === 'string' ? (JSON.parse(stored) as Activity) : stored;
}

function revive(a: Activity): Activity {
  const localTimestamp = validDate(a.localTimestamp);
  return { ...a, timestamp: validDate(a.timestamp), ...(localTimestamp ? { localTimestamp } : {}) } as Activity;
}

function validDate(value: Date | string | number | undefined): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

export function conversationKey(channelId: string | undefined, conversationId: string | undefined): string {
  return JSON.stringify([channelId ?? '', conversationId ?? '']);
}

/** One page: the token is the position of its last item, opaque to callers. */
function paged<R extends { position: string }, T>(rows: R[], kind: 'a' | 'c', item: (r: R) => T): PagedResult<T> {
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  // botbuilder's own stores end paging with an undefined token, though the type says string.
  const continuationToken = rows.length > PAGE_SIZE && last ? encodeToken(kind, last.position) : (undefined as unknown as string);
  return { items: page.map(item), continuationToken };
}

function encodeToken(kind: 'a' | 'c', position: string): string {
  return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

/** The position after which the next page starts (a bigint, kept as text). */
function decodeToken(kind: 'a' | 'c', token: string): string {
  const m = /^([ac]):(\d{1,18})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m || m[1] !== kind) throw new InvalidContinuationTokenError();
  return m[2]!;
}
