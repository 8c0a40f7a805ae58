// The settings a city gets when it sets nothing: the abuse limits are on with safe defaults
// (tests start the service with some of them off, see test/support/app.ts), and settings that
// cannot work together stop start-up with a message naming them.
import { describe, expect, it } from 'vitest';
import { readSettings, StartupError } from '../../adapters/settings.js';

describe('settings', () => {
  it('defaults every abuse limit on', () => {
    const s = readSettings({});
    expect(s).toMatchObject({
      RATE_LIMIT_PER_IP_PER_MINUTE: 600,
      RATE_LIMIT_PER_CONVERSATION_PER_MINUTE: 30,
      BOOKING_LIMIT_PER_CLIENT_PER_DAY: 3,
      LOOKUP_MAX_WRONG_BIRTHDAYS: 5,
      LOOKUP_LOCK_HOURS: 24,
      LOOKUP_LIMIT_PER_CLIENT_PER_HOUR: 10,
      WEBCHAT_STREAMS_PER_CONVERSATION: 3,
      WEBCHAT_TOKENS_PER_IP_PER_MINUTE: 20,
      DIRECTLINE_TOKEN_SECONDS: 1800,
    });
    expect(s.WEB_EMAIL_CODE).toBeUndefined();
  });

  it('refuses e-mail codes with no way to send them, and a short Direct Line secret', () => {
    expect(() => readSettings({ WEB_EMAIL_CODE: 'on' })).toThrow(StartupError);
    expect(() => readSettings({ WEB_EMAIL_CODE: 'on' })).toThrow(/WEB_EMAIL_CODE/);
    expect(readSettings({ WEB_EMAIL_CODE: 'on', SMTP_URL: 'smtp://127.0.0.1:2525' }).WEB_EMAIL_CODE).toBe('on');
    expect(() => readSettings({ DIRECTLINE_SECRET: 'short' })).toThrow(/DIRECTLINE_SECRET/);
  });
});
