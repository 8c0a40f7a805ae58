// Finding 2: a chunked multipart/form-data body to any route (even the unsigned Twilio
// webhook) was read by restify's multipart parser into the temp folder (100 MB accepted), and
// the 64 KiB limit was counted on Content-Length, which a chunked body does not have. Replayed
// as endless uploads on raw sockets: refused (415 / 413) while the client is still sending, and
// the temp folder stays empty.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { directLine } from '../support/clients.js';
import { chunk, rawRequest } from './support/raw-http.js';

const MB = 1024 * 1024;

describe('request bodies at the door', () => {
  let svc: RunningApp;
  let watched: string;
  const previousTmp = process.env.TMPDIR;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecert-'));
    // Everything that would land in os.tmpdir() from here on lands in a folder of our own.
    watched = fs.mkdtempSync(path.join(os.tmpdir(), 'ecert-watched-tmp-'));
    process.env.TMPDIR = watched;
    svc = await startApp({ DATA_DIR: dataDir, FAKE_NOW: '2026-11-25T10:00:00+09:00', TWILIO_AUTH_TOKEN: 'test-auth-token', PUBLIC_BASE_URL: 'https://ecert.example.jp' });
  });
  afterAll(async () => {
    await svc?.stop();
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  });

  /** Request head of a chunked POST, then as many 64 KiB chunks as the server takes (up to `mb`). */
  const endlessUpload = (target: string, type: string, first: string, mb: number, headers: Record<string, string> = {}) => {
    const head = [`POST ${target} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Type: ${type}`, 'Transfer-Encoding: chunked', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
    return rawRequest(svc.url, Buffer.concat([Buffer.from(`${head}\r\n\r\n`), chunk(first)]), { keepWriting: chunk(Buffer.alloc(64 * 1024, 'a')), maxBytes: mb * MB, waitMs: 10_000 });
  };
  const multipartStart = '--zz\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n';

  it('refuses a chunked multipart upload to the Twilio webhook and to Direct Line at once (415), leaving no temp file', async () => {
    const conv = await directLine(svc.url).start();
    for (const target of ['/api/twilio/voice', `/v3/directline/conversations/${conv.conversationId}/activities`, `/v3/directline/conversations/${conv.conversationId}/upload`, '/nope']) {
      const answer = await endlessUpload(target, 'multipart/form-data; boundary=zz', multipartStart, 16, { authorization: `Bearer ${conv.token}` });
      expect(answer.status, target).toBe(415);
      expect(JSON.parse(answer.body), target).toMatchObject({ error: { code: 'unsupported-media-type' } });
      expect(answer.closed, target).toBe(true);
      expect(answer.closedAfterMs, target).toBeLessThan(2000);
      // Far less than the upload on offer was taken in before the answer.
      expect(answer.sent, target).toBeLessThan(16 * MB);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.readdirSync(watched)).toEqual([]);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });

  it('cuts a chunked JSON body without Content-Length at 64 KiB with 413, while the client is still sending', async () => {
    const conv = await directLine(svc.url).start();
    for (const target of ['/v3/directline/tokens/generate', `/v3/directline/conversations/${conv.conversationId}/activities`, '/api/staff/login']) {
      const answer = await endlessUpload(target, 'application/json', '{"type":"message","text":"', 32, { authorization: `Bearer ${conv.token}` });
      expect(answer.status, target).toBe(413);
      expect(JSON.parse(answer.body), target).toMatchObject({ error: { code: 'too-large' } });
      expect(answer.closedAfterMs, target).toBeLessThan(2000);
      expect(answer.sent, target).toBeLessThan(32 * MB);
    }
    // Just under the limit is read and answered as usual.
    const fits = await fetch(`${svc.url}/v3/directline/conversations/${conv.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${conv.token}` },
      body: JSON.stringify({ type: 'typing', value: 'a'.repeat(60 * 1024) }),
    });
    expect(fits.status).toBe(200);
  });

  it('takes forms only on the Twilio webhook and JSON elsewhere; other types are 415 before reading', async () => {
    const form = (target: string) => fetch(svc.url + target, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=a&password=b' });
    // Unsigned, so refused by the webhook itself (403): the body was read as a form.
    expect((await form('/api/twilio/voice')).status).toBe(403);
    for (const target of ['/api/staff/login', '/v3/directline/tokens/generate']) {
      const res = await form(target);
      expect(res.status, target).toBe(415);
      expect(await res.json()).toMatchObject({ error: { code: 'unsupported-media-type' } });
    }
    for (const type of ['text/plain', 'application/octet-stream', 'application/xml', 'multipart/mixed; boundary=x']) {
      const res = await fetch(`${svc.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': type }, body: '{"user":"a","password":"b"}' });
      expect(res.status, type).toBe(415);
    }
    // An empty POST needs no content type (the page takes its token so, and Web Chat starts conversations so).
    expect((await fetch(`${svc.url}/webchat/token`, { method: 'POST', headers: { origin: svc.url } })).status).toBe(200);
    expect(fs.readdirSync(watched)).toEqual([]);
  });
});
