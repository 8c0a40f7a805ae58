// POST /api/messages is only there with credentials, and never answers an unauthenticated call.
import { describe, expect, it } from 'vitest';
import { startApp } from '../support/app.js';

const activity = { type: 'message', text: 'こんにちは', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/evil', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } };

describe('Bot Framework endpoint', () => {
  it('is not mounted without MicrosoftAppId and MicrosoftAppPassword', async () => {
    const svc = await startApp();
    try {
      const res = await fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(404);
    } finally {
      await svc.stop();
    }
  });

  it('refuses a call without a valid Bot Framework token', async () => {
    const svc = await startApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' });
    try {
      const res = await fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(401);
      const forged = await fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer forged.jwt.token' }, body: JSON.stringify(activity) });
      expect(forged.status).toBe(401);
    } finally {
      await svc.stop();
    }
  });
});
