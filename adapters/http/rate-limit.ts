// Rate limits per client IP and per web chat conversation: fixed one-minute windows counted in
// Redis when configured (shared by every instance), else in this process. Availability comes
// before strictness: when Redis does not answer, requests pass and a warning is logged.
// The platforms' webhooks (Twilio, LINE, Bot Framework) are not limited by IP: their servers
// share addresses across all their customers, a 429 would drop a call or lose an event, and
// each request is signed.
import { isIP } from 'node:net';
import type { Redis } from 'ioredis';
import type { Next, Request, Response } from 'restify';
import type { Logger } from '../log.js';
import type { Settings } from '../settings.js';
import { sendError } from './errors.js';
import { withTimeout } from '../timeout.js';

export interface RateLimits {
  /** Requests per client IP per window; 0 = no limit. */
  perIp: number;
  /** Messages posted to one web chat conversation per window; 0 = no limit. */
  perConversation: number;
  /** Proxies in front of us whose X-Forwarded-For entries are trusted (0 = use the socket address). */
  trustProxy: number;
  windowMs: number;
}

/** Counts hits in fixed windows: `hit` returns the count including this one. */
export interface HitCounter {
  hit(key: string, windowMs: number): Promise<number>;
}

export type RateVerdict = { ok: true } | { ok: false; scope: 'ip' | 'conversation'; retryAfterSeconds: number };

// Health checks and metrics: the operator's probes (/metrics answers only loopback or its token).
const NOT_LIMITED = new Set(['/healthz', '/readyz', '/metrics']);
const PLATFORM_WEBHOOKS = new Set(['/api/twilio/voice', '/api/line/webhook', '/api/messages']);
// The id is matched raw and then decoded, as restify decodes the route's parameter: `%61bc` is `abc`.
const CONVERSATION_POST = /^\/v3\/directline\/conversations\/([^/]+)\/activities\/?$/;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const REDIS_TIMEOUT_MS = 250;
const WARN_EVERY_MS = 60_000;

export class RateLimiter {
  private lastWarning = -Infinity;
  /** Each refusal, by scope (the metrics). */
  onRefused: (scope: 'ip' | 'conversation') => void = () => undefined;

  constructor(
    private readonly counter: HitCounter,
    readonly limits: RateLimits,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this request may go on; the per-IP count is taken first, then the conversation's. */
  async check(req: Request): Promise<RateVerdict> {
    // Exempt only as spelled: an encoded spelling of an exempt path is counted like any other.
    const path = trimSlash(req.getPath());
    if (NOT_LIMITED.has(path) || (req.method === 'POST' && PLATFORM_WEBHOOKS.has(path))) return { ok: true };
    const refused = await this.checkAddress(req);
    if (!refused.ok) return refused;
    const segment = req.method === 'POST' ? CONVERSATION_POST.exec(path)?.[1] : undefined;
    // An id that is no conversation's (bad encoding, other characters) is refused by the route.
    const conversation = segment === undefined ? undefined : decoded(segment);
    if (this.limits.perConversation > 0 && conversation && CONVERSATION_ID.test(conversation)) {
      const refused = await this.take('conversation', conversation, this.limits.perConversation);
      if (refused) return refused;
    }
    return { ok: true };
  }

  /** The per-IP count alone: WebSocket upgrades, which never reach restify's `pre` handlers. */
  async checkAddress(req: Pick<Request, 'headers' | 'socket'>): Promise<RateVerdict> {
    const ip = clientIp(req, this.limits.trustProxy);
    if (this.limits.perIp > 0 && ip) {
      const refused = await this.take('ip', ip, this.limits.perIp);
      if (refused) return refused;
    }
    return { ok: true };
  }

  /**
   * One more message in a conversation the path does not name (a LINE user, after the webhook's
   * signature is checked): false once the per-conversation limit is passed.
   */
  async allowMessage(conversationId: string): Promise<boolean> {
    if (this.limits.perConversation <= 0) return true;
    return !(await this.take('conversation', conversationId, this.limits.perConversation));
  }

  private async take(scope: 'ip' | 'conversation', id: string, limit: number): Promise<RateVerdict | undefined> {
    const now = this.now();
    const { windowMs } = this.limits;
    const window = Math.floor(now / windowMs);
    let count: number;
    try {
      count = await withTimeout(this.counter.hit(`${scope}:${id}:${window}`, windowMs), REDIS_TIMEOUT_MS);
    } catch (err) {
      // Fail open: a rate limit is not worth refusing citizens while Redis is away.
      if (now - this.lastWarning >= WARN_EVERY_MS) {
        this.lastWarning = now;
        this.logger.warn({ err: (err as Error).message }, 'rate limiter unavailable; requests are let through');
      }
      return undefined;
    }
    if (count <= limit) return undefined;
    this.onRefused(scope);
    return { ok: false, scope, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)) };
  }
}

/** A restify `pre` handler: 429 JSON with Retry-After once a limit is passed. */
export function rateLimitHandler(limiter: RateLimiter) {
  return (req: Request, res: Response, next: Next) => {
    limiter.check(req).then(
      (verdict) => {
        if (verdict.ok) return next();
        res.setHeader('retry-after', String(verdict.retryAfterSeconds));
        sendError(res, 429, 'rate-limited', '短い時間に多くのリクエストがありました。しばらくしてからもう一度お試しください。');
        next(false);
      },
      () => next(),
    );
  };
}

/** In this process: a bounded map, windows past their end swept out. */
export class MemoryHitCounter implements HitCounter {
  private readonly counts = new Map<string, { count: number; expires: number }>();
  private nextSweep = 0;

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string, windowMs: number): Promise<number> {
    const now = this.now();
    if (now >= this.nextSweep) this.sweep(now, windowMs);
    const entry = this.counts.get(key);
    if (entry && entry.expires > now) return ++entry.count;
    // Full (a flood of addresses): forget the oldest window to make room.
    if (this.counts.size >= this.maxKeys) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, { count: 1, expires: now + windowMs });
    return 1;
  }

  get size(): number {
    return this.counts.size;
  }

  private sweep(now: number, windowMs: number): void {
    this.nextSweep = now + windowMs;
    for (const [k, e] of this.counts) if (e.expires <= now) this.counts.delete(k);
  }
}

// INCR and the first hit's expiry in one step, so no key is ever left without a TTL.
const HIT_SCRIPT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;
const HIT_COMMAND = 'ecertRateLimitHit';
type Scripted = { [HIT_COMMAND]: (key: string, windowMs: number) => Promise<number> };

/** Across instances: one counter per key and window in Redis. */
export class RedisHitCounter implements HitCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ecert:rl:',
  ) {
    if (typeof (redis as unknown as Partial<Scripted>)[HIT_COMMAND] !== 'function') {
      redis.defineCommand(HIT_COMMAND, { numberOfKeys: 1, lua: HIT_SCRIPT });
    }
  }

  async hit(key: string, windowMs: number): Promise<number> {
    return Number(await (this.redis as unknown as Scripted)[HIT_COMMAND](this.prefix + key, windowMs));
  }
}

/** The limiter the settings describe: on Redis when there is one, else in memory. */
export function createRateLimiter(settings: Settings, redis: Redis | undefined, logger: Logger): RateLimiter {
  const limits: RateLimits = {
    perIp: settings.RATE_LIMIT_PER_IP_PER_MINUTE,
    perConversation: settings.RATE_LIMIT_PER_CONVERSATION_PER_MINUTE,
    trustProxy: settings.TRUST_PROXY,
    windowMs: 60_000,
  };
  return new RateLimiter(redis ? new RedisHitCounter(redis) : new MemoryHitCounter(), limits, logger);
}

/**
 * The client's address: the socket's peer, or with `trustProxy` proxies in front, the entry
 * the outermost trusted proxy added to X-Forwarded-For (entries further left are whatever the
 * client claimed). IPv6 clients are counted by their /64, which one subscriber usually holds.
 */
export function clientIp(req: Pick<Request, 'headers' | 'socket'>, trustProxy: number): string | undefined {
  let ip = req.socket?.remoteAddress;
  if (trustProxy > 0) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
    const forwarded = hops[Math.max(0, hops.length - trustProxy)];
    if (forwarded && isIP(forwarded)) ip = forwarded;
  }
  return ip ? addressKey(ip) : undefined;
}

function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((h) => h.toLowerCase().replace(/^0+(?=.)/, ''));
}

function decoded(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
