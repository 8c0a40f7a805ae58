// Direct Line credentials, as Azure's Direct Line has them. The secret (DIRECTLINE_SECRET) is the
// master key: it opens any conversation and is exchanged for tokens; it never leaves a server.
// A token opens one conversation for a while and may name its user: a JWT (HS256) whose `user`
// claim Web Chat and botframework-directlinejs read as the user id, as they do Azure's. Tokens are
// signed with a key derived from the secret, so every instance sharing it accepts them; without a
// secret the key is random and tokens hold only on this process.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Azure's lifetime. Web Chat refreshes every 15 minutes, so a shorter one would end its chats. */
export const TOKEN_SECONDS = 1800;
/** The longest user id or name a token carries (Azure's ids are shorter). */
export const MAX_USER_ID = 64;
export const MAX_USER_NAME = 50;

export interface TokenUser {
  id: string;
  name?: string;
}

/** What an `Authorization` header (or a stream's `t`) turned out to be. */
export type Credential =
  | { kind: 'secret' }
  | { kind: 'token'; conversationId: string; user?: TokenUser }
  | { kind: 'expired' }
  | { kind: 'missing' }
  | { kind: 'invalid' };

// Only this header is accepted (no other algorithm, no `none`).
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

interface Claims {
  conv?: unknown;
  user?: unknown;
  name?: unknown;
  exp?: unknown;
}

export class DirectLineTokens {
  private readonly key: Buffer;
  private readonly secretDigest: Buffer | undefined;

  constructor(
    secret: string | undefined,
    private readonly now: () => Date,
    readonly seconds = TOKEN_SECONDS,
  ) {
    // The secret itself never signs: a key of its own is derived from it.
    this.key = secret ? createHmac('sha256', secret).update('direct-line-token-key-v1').digest() : randomBytes(32);
    this.secretDigest = secret ? digest(secret) : undefined;
  }

  /** Whether a Direct Line secret is configured (else only the page's own route starts chats). */
  get hasSecret(): boolean {
    return this.secretDigest !== undefined;
  }

  issue(conversationId: string, user?: TokenUser): { token: string; expires_in: number } {
    const iat = Math.floor(this.now().getTime() / 1000);
    // jti: each token is new, even two issued in the same second.
    const claims = { conv: conversationId, ...(user ? { user: user.id, ...(user.name ? { name: user.name } : {}) } : {}), iat, exp: iat + this.seconds, jti: randomBytes(9).toString('base64url') };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`, expires_in: this.seconds };
  }

  /** Reads `Bearer <secret or token>` (or a bare token, as a stream URL carries it). */
  identify(header: string | undefined): Credential {
    if (header === undefined || header.trim() === '') return { kind: 'missing' };
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const value = bearer ? bearer[1]! : header.trim();
    if (this.secretDigest && timingSafeEqual(digest(value), this.secretDigest)) return { kind: 'secret' };
    return this.verify(value);
  }

  private verify(token: string): Credential {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { kind: 'invalid' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { kind: 'invalid' };
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
    } catch {
      return { kind: 'invalid' };
    }
    if (typeof claims.conv !== 'string' || claims.conv === '' || typeof claims.exp !== 'number') return { kind: 'invalid' };
    // Signed by us, so it was good once: past its time it is expired (403), not forged (401).
    if (claims.exp * 1000 <= this.now().getTime()) return { kind: 'expired' };
    const user = typeof claims.user === 'string' ? { id: claims.user, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) } : undefined;
    return { kind: 'token', conversationId: claims.conv, ...(user ? { user } : {}) };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

/** Compared as digests: equal length whatever was sent, and in constant time. */
function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

export function newConversationId(): string {
  return randomBytes(12).toString('base64url');
}

/** A user id a token may carry, Azure's style for ids it vouches for (`dl_` + unguessable). */
export function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}
