// A local stand-in for Twilio's REST API, for the SMS the service sends (TWILIO_API_BASE_URL points
// the twilio client here): it checks the account's Basic authentication and the form Twilio's
// Messages resource takes, records each message, and answers as Twilio does (201 with the
// message). `failNext` makes the next send fail with a status (500: a transient fault).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  to: string;
  from: string;
  body: string;
}

export async function startFakeTwilio(account: { sid: string; authToken: string }) {
  const sent: SentSms[] = [];
  const refused: { status: number; path: string }[] = [];
  const faults: number[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${account.sid}:${account.authToken}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const answer = (status: number, body: object) => {
        if (status >= 300) refused.push({ status, path: req.url ?? '' });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== expectedAuth) return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${account.sid}/Messages.json`) return answer(404, { code: 20404, message: 'Not found', status: 404 });
      const form = new URLSearchParams(raw);
      const [to, from, body] = [form.get('To'), form.get('From'), form.get('Body')];
      if (!to || !/^\+[1-9]\d{7,14}$/.test(to)) return answer(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      if (!from || !body) return answer(400, { code: 21602, message: 'Message body is required.', status: 400 });
      const fault = faults.shift();
      if (fault) return answer(fault, { code: 20500, message: 'Internal Server Error', status: fault });
      sent.push({ to, from, body });
      const sid = `SM${String(sent.length).padStart(32, '0')}`;
      answer(201, { sid, account_sid: account.sid, to, from, body, status: 'queued', num_segments: String(Math.ceil([...body].length / 67)), uri: `/2010-04-01/Accounts/${account.sid}/Messages/${sid}.json` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    refused,
    failNext: (status = 500) => void faults.push(status),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
