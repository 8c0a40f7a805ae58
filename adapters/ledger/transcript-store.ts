// botbuilder's TranscriptStore in the ledger database (PostgreSQL or PGlite): staff read a
// conversation in order; old transcripts are purged after the retention period.
import { randomUUID } from 'node:crypto';
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import type { SqlDatabase } from './database.js';

export const PAGE_SIZE = 20;
/** Larger channelData or attachments are dropped: rows stay bounded. */
const MAX_PART_BYTES = 64 * 1024;

export class SqlTranscriptStore implements TranscriptStore {
  constructor(private readonly db: SqlDatabase) {}

  async logActivity(activity: Activity): Promise<void> {
    const a: Partial<Activity> = { ...activity, id: activity.id ?? randomUUID() };
    for (const part of ['channelData', 'attachments'] as const) {
      if (a[part] !== undefined && JSON.stringify(a[part]).length > MAX_PART_BYTES) delete a[part];
    }
    const ts = a.timestamp ? new Date(a.timestamp) : new Date();
    await this.db.query(
      `INSERT INTO transcript_activities (channel_id, conversation_id, activity_id, ts, activity)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [a.channelId ?? '', a.conversation?.id ?? '', a.id, ts, JSON.stringify({ ...a, timestamp: ts.toISOString() })],
    );
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const after = continuationToken && /^\d+$/.test(continuationToken) ? continuationToken : '0';
    const { rows } = await this.db.query<{ position: string; activity: Activity | string }>(
      `SELECT seq::text AS position, activity FROM transcript_activities
       WHERE channel_id = $1 AND conversation_id = $2 AND seq > $3 AND ts >= $4
       ORDER BY seq LIMIT ${PAGE_SIZE + 1}`,
      [channelId, conversationId, after, startDate ?? new Date(0)],
    );
    const page = rows.slice(0, PAGE_SIZE);
    return {
      items: page.map((r) => revive(typeof r.activity === 'string' ? (JSON.parse(r.activity) as Activity) : r.activity)),
      continuationToken: rows.length > PAGE_SIZE ? page.at(-1)!.position : (undefined as unknown as string),
    };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const after = continuationToken && /^\d+$/.test(continuationToken) ? continuationToken : '0';
    const { rows } = await this.db.query<{ id: string; created: Date; first: string }>(
      `SELECT conversation_id AS id, min(ts) AS created, min(seq)::text AS first FROM transcript_activities
       WHERE channel_id = $1 GROUP BY conversation_id HAVING min(seq) > $2
       ORDER BY min(seq) LIMIT ${PAGE_SIZE + 1}`,
      [channelId, after],
    );
    const page = rows.slice(0, PAGE_SIZE);
    return {
      items: page.map((r) => ({ channelId, id: r.id, created: new Date(r.created) })),
      continuationToken: rows.length > PAGE_SIZE ? page.at(-1)!.first : (undefined as unknown as string),
    };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    await this.db.query('DELETE FROM transcript_activities WHERE channel_id = $1 AND conversation_id = $2', [channelId, conversationId]);
  }

  /** Retention: removes everything logged before `cutoff`; returns how many activities went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'WITH gone AS (DELETE FROM transcript_activities WHERE created_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [cutoff],
    );
    return rows[0]?.n ?? 0;
  }
}

function revive(a: Activity): Activity {
  return { ...a, timestamp: a.timestamp ? new Date(a.timestamp) : undefined } as Activity;
}
