// Direct Line tokens: signed (HMAC-SHA256) and bound to one conversation. A forged or expired
// token is refused (401); a token for another conversation is refused (403).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_SECONDS = 1800;

export type TokenCheck = { ok: true; conversationId: string } | { ok: false; status: 401 | 403 };

export class DirectLineTokens {
  private readonly secret: Buffer;

  /** Without a configured secret, a random one: tokens then hold only on this instance. */
  constructor(secret: string | undefined, private readonly now: () => Date) {
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  issue(conversationId: string): { token: string; expires_in: number } {
    const payload = Buffer.from(JSON.stringify({ c: conversationId, e: Math.floor(this.now().getTime() / 1000) + TOKEN_SECONDS })).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expires_in: TOKEN_SECONDS };
  }

  /** Checks an `Authorization: Bearer …` header (or a raw token), optionally for a conversation. */
  check(header: string | undefined, conversationId?: string): TokenCheck {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : header;
    const [payload, signature] = (token ?? '').split('.');
    if (!payload || !signature) return { ok: false, status: 401 };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, status: 401 };
    let claims: { c?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, status: 401 };
    }
    if (typeof claims.c !== 'string' || claims.c === '' || typeof claims.e !== 'number' || claims.e * 1000 < this.now().getTime()) return { ok: false, status: 401 };
    if (conversationId !== undefined && claims.c !== conversationId) return { ok: false, status: 403 };
    return { ok: true, conversationId: claims.c };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

export function newConversationId(): string {
  return randomBytes(12).toString('base64url');
}
