// Whole calls through the real bot on the phone door (real dialogs and understanding, a ledger in
// memory, the clock at a Wednesday morning in desk hours): what the caller hears, turn by turn —
// by keypad only, by speech, with a side question, the information menu, a look-up that cancels
// and one that changes, and the repairs. For the spoken-time budget (scripts/bench-voice.ts,
// test/unit/voice-budget.test.ts): each turn is every message the bot said in it.
import { MemoryStorage, type Activity } from 'botbuilder';
import { openLedger } from '../../adapters/ledger/open.js';
import type { Act, Say } from '../../bot/messages/say.js';
import { ReservationBot } from '../../bot/reservation-bot.js';
import { loadTokenizer } from '../../bot/understanding/tokenizer.js';
import { ReservationDesk } from '../../domain/desk.js';
import { defaultOfficeConfig } from '../../domain/office-config.js';
import { CHANNEL_IDS, type BotServices } from '../../dialogs/turn.js';
import { CollectingAdapter } from '../../test/support/collecting-adapter.js';
import type { PhoneTurn } from './phone-turns.js';

const WED = '2026-11-25T10:00:00+09:00';

/** A call: what the caller says or presses, one line a turn (the first turn is the call's start). */
interface Call {
  name: string;
  caller?: string;
  lines: string[];
}

const CALLS = (toCancel: string, toChange: string): Call[] => [
  // 9 after the completion: the number again (once the dialog takes the key; until then, a clarification).
  { name: 'keypad booking', caller: '09011112222', lines: ['1', '1', '2', '1', '1126', '1', '0503', '1', '1', '9', '2'] },
  { name: 'speech booking on a Saturday', caller: '09033334444', lines: ['予約したいです', 'はい', 'いいえ', 'はい', '12月12日の11時', '6月7日です', 'はい', 'はい', 'いいえ'] },
  { name: 'no caller number, fixing the date', lines: ['予約お願いします', '届いてます', 'いいえ', '本人が行きます', '一番早い日', '2番で', '5月3日', '090-5555-6666', 'いいえ', '1', '12月3日', '1', 'はい'] },
  { name: 'side questions mid-booking', caller: '09077778888', lines: ['予約したい', '持ち物は何ですか', 'はい', '手数料はかかりますか', 'いいえ', '健康保険証でもいいですか', 'やめます'] },
  { name: 'information menu', caller: '09012121212', lines: ['3', '1', '1', '3', '2', '3', '4', '3', '5', '3', '3', '1', '1', '2', '1'] },
  { name: 'rule questions', caller: '09013131313', lines: ['土曜日もやってますか', '支所でもできますか', '代理人でもいいですか', '遅れたらどうなりますか', '暗証番号を忘れました', '顔認証カードでも更新が必要ですか'] },
  { name: 'look up and cancel', caller: '0727240000', lines: ['2', toCancel, '0808', '2', '1'] },
  { name: 'look up and change', caller: '0727240001', lines: ['予約を変更したい', toChange, '9月9日', '12月3日', '1', 'はい'] },
  { name: 'repairs', caller: '09014141414', lines: ['えーと', '予約したい', 'たぶん', 'よくわからない', 'わからない', 'いいえ'] },
  { name: 'a person', caller: '09015151515', lines: ['担当者と話したい'] },
  { name: 'silence', lines: ['', ''] },
];

/** Every turn of the scripted calls, as the caller hears it. */
export async function phoneCalls(): Promise<PhoneTurn[]> {
  const ledger = await openLedger({});
  const now = new Date(WED);
  const services: BotServices = { desk: new ReservationDesk(ledger.ledger, defaultOfficeConfig()), clock: () => now, tokenizer: await loadTokenizer() };
  const bot = new ReservationBot(new MemoryStorage(), services);
  try {
    // Phone bookings to look up and cancel, and to change.
    const book = async (start: string, birthday: string, phone: string) => {
      const r = await services.desk.book({ date: '2026-12-15', start, channel: 'phone', holder: { birthday, phone }, now });
      if (!r.ok) throw new Error(`could not book the reservation to look up: ${r.reason}`);
      return r.reservation.number;
    };
    const toCancel = await book('10:00', '08-08', '0727240000');
    const toChange = await book('10:30', '09-09', '0727240001');
    const turns: PhoneTurn[] = [];
    for (const call of CALLS(toCancel, toChange)) {
      const adapter = new CollectingAdapter();
      adapter.onTurnError = async (_c, error) => {
        throw error;
      };
      const id = `voice-${call.name.replace(/\W+/g, '-')}`;
      const base: Partial<Activity> = {
        channelId: CHANNEL_IDS.phone,
        conversation: { id, name: 'call', isGroup: false, conversationType: 'personal' },
        from: { id: call.caller ?? 'anonymous', name: 'caller', role: 'user' },
        recipient: { id: 'desk', name: 'desk', role: 'bot' },
        serviceUrl: 'twilio:',
        locale: 'ja-JP',
        channelData: call.caller ? { callerNumber: call.caller } : {},
      };
      const run = async (about: string, activity: Partial<Activity>) => {
        const sent = await adapter.processActivity({ ...base, ...activity }, (c) => bot.run(c));
        const parts: Say[] = sent
          .filter((a) => a.type === 'message' && (a.speak || a.text))
          .map((a) => ({ text: a.text ?? '', speak: a.speak ?? a.text ?? '', acts: ((a.channelData as { acts?: Act[] } | undefined)?.acts ?? []) }));
        if (parts.length) turns.push({ name: call.name, about, parts });
        return sent;
      };
      await run('call starts', { type: 'conversationUpdate', membersAdded: [{ id: call.caller ?? 'anonymous', name: 'caller' }] });
      for (const line of call.lines) {
        const keys = /^[\d#*]+$/.test(line);
        await run(`「${line}」`, { type: 'message', text: line, channelData: { ...base.channelData, input: keys ? 'keypad' : 'speech' } });
      }
    }
    return turns;
  } finally {
    await ledger.db.close();
  }
}
