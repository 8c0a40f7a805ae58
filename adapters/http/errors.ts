// JSON errors for the public API: always a 4xx with a code a program can branch on and a
// message a person can read.
import type { Response } from 'restify';

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ error: { code, message } });
}
