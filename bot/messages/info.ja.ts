// Information the bot gives (Japanese, with English for web and LINE): welcome and help, fees
// (R20), PINs (R19), proxies (R11, R21c), handoff; each message marked with what it does (its act). Documents (R21), eligibility (R13–R19, R26) and the office (R1–R3, R22–R25)
// live in their own modules and are re-exported here, so dialogs import one `info`.
import type { Channel } from '../../domain/booking-rules.js';
import type { Fee } from '../../domain/fees.js';
import { phoneText } from '../format.js';
import { askTheDesk, DEFAULT_DESK_PHONE, deskPhoneSpeech, deskPhoneText, deskPhoneTextEn, PHONE_HOURS, PHONE_HOURS_EN, PHONE_HOURS_SPEECH } from './desk.ja.js';
import { as, say, withEnglish, YES_NO, type Act, type Choice, type English, type Say } from './say.js';

const YES_NO_EN = ['Yes', 'No'];
const yen = (n: number) => `${n.toLocaleString('en-US')} yen`;

/** A message with its acts and English. */
const said = (acts: Act | Act[], s: Say, en: string | English): Say => [acts].flat().reduce((m, act) => as(act, m), withEnglish(s, en));

export * from './documents.ja.js';
export * from './eligibility.ja.js';
export * from './office.ja.js';

// ── welcome, help, goodbye ────────────────────────────────────────────────────────────

export function welcome(channel: Channel): Say {
  if (channel === 'phone') {
    return said('welcome', say(
      'お電話ありがとうございます。箕面市役所 102番窓口、電子証明書の新規発行・更新の予約窓口です(自動音声)。\nご用件をお話しください。番号でも選べます:1 予約、2 確認・変更・キャンセル、3 持ち物や手数料などのご案内、0 担当者',
      // One sentence and the menu: where the caller is, then the keys (the question last).
      'お電話ありがとうございます、みのお市役所、電子証明書の予約窓口です。予約は1、確認、変更、キャンセルは2、ご案内は3、担当者は0を押すか、ご用件をお話しください。',
      [
        { label: '予約する', digit: '1' },
        { label: '予約の確認・変更・キャンセル', digit: '2' },
        { label: '持ち物や手数料などのご案内', digit: '3' },
        { label: '担当者と話す', digit: '0' },
      ],
    ), {
      text: 'Thank you for calling the reservation line of window 102, Minoh City Hall, for issuing and renewing electronic certificates (automated).\nPlease tell me what you need, or press: 1 book, 2 check, change or cancel, 3 what to bring, fees and more, 0 staff.',
      choices: ['Book an appointment', 'Check/change/cancel', 'What to bring, fees…', 'Talk to staff'],
    });
  }
  return said(
    'welcome',
    say(
      'こんにちは。箕面市役所 102番窓口の、電子証明書の新規発行・更新の予約窓口です。\nご予約・変更・キャンセル・確認と、持ち物や手数料のご案内ができます。ご用件をどうぞ。',
      'こんにちは。みのお市役所、102番窓口の、電子証明書の新規発行と更新の、予約窓口です。ご予約、変更、キャンセル、確認と、持ち物や手数料のご案内ができます。ご用件をどうぞ。',
      [{ label: '予約する' }, { label: '予約の確認・変更・キャンセル' }, { label: '持ち物' }, { label: '手数料' }, { label: '担当者と話す' }],
    ),
    {
      text: 'Hello! This is window 102 of Minoh City Hall, taking reservations for issuing and renewing the electronic certificates on My Number cards.\nI can make, check, change or cancel a reservation, and tell you what to bring and what it costs. How can I help?',
      choices: ['Book an appointment', 'Check/change/cancel', 'What to bring', 'What it costs', 'Talk to staff'],
    },
  );
}

export const help = (channel: Channel): Say =>
  channel === 'phone'
    ? said('help', say(
        'ご用件をそのままお話しください。(例:「12月3日の10時に予約したい」)\nはじめのメニューでは番号でも選べます:1 予約、2 確認・変更・キャンセル、3 ご案内、0 担当者\n「最初から」でやり直し、「やめる」で中止、「担当者」で職員におつなぎします。',
        // Said before the question again (mid-task) or 「ほかにご用件は」 with the menu's keys.
        'そのままお話しください。番号でも選べます。最初から、やめる、担当者、とも言えます。',
      ), 'Just say what you need, for example “I’d like to book Dec 3 at 10:00”.\nAt the first menu you can also press: 1 book, 2 check, change or cancel, 3 information, 0 staff.\nSay “start over” to begin again, “stop” to stop, or “staff” to talk to a member of staff.')
    : said('help', say(
        'ご用件を、ふだんの言葉で入力してください。\n例:「12月3日の10時に予約したい」「予約を変更したい」「持ち物は?」「手数料はいくら?」\n・「最初から」:はじめからやり直します\n・「やめる」:今の手続きを中止します\n・「担当者」:職員におつなぎします',
        'ご用件を、ふだんの言葉で入力してください。たとえば、12月3日の10時に予約したい、のように入力してください。最初からやり直すときは、最初から、と入力してください。中止するときは、やめる、と入力してください。職員と話すときは、担当者、と入力してください。',
      ), [
        'Just type what you need, in your own words.',
        'For example: “I’d like to book Dec 3 at 10:00”, “I want to change my reservation”, “What should I bring?”, “How much does it cost?”',
        '• “start over”: begin again',
        '• “stop”: stop what we are doing',
        '• “staff”: talk to a member of staff',
      ].join('\n'));

export const notUnderstood = (voice: boolean): Say =>
  voice
    ? said(
        'clarifies',
        say(
          '申し訳ありません。聞き取れませんでした。もう一度、ご用件をお話しください。',
          '聞き取れませんでした。予約は1、変更やキャンセルは2、ご案内は3、担当者は0を押すか、もう一度お話しください。',
        ),
        'Sorry, I didn’t catch that. Could you tell me again what you need?',
      )
    : said(
        'clarifies',
        say(
          '申し訳ありません。うまく読み取れませんでした。「予約したい」「持ち物は?」のように入力してください。',
          '申し訳ありません。うまく読み取れませんでした。予約したい、のように入力してください。',
        ),
        'Sorry, I didn’t understand. Please type something like “I want to book” or “What should I bring?”.',
      );

export const goodbye = (voice: boolean): Say =>
  said('goodbye', say('ご利用ありがとうございました。', voice ? 'ご利用ありがとうございました。失礼いたします。' : 'ご利用ありがとうございました。'), 'Thank you for contacting us. Goodbye!');

// ── fees (R20) ────────────────────────────────────────────────────────────────────────

/** The card itself decides the fee: onto a valid card it is free. */
/** Asked before the fee, which it decides. */
export const askCardValid = (): Say =>
  said(
    'clarifies',
    say(
      'お持ちのマイナンバーカード本体は、有効期限内ですか?\n(カードの有効期限が切れている場合や、紛失してカードを作り直す場合は「いいえ」)',
      'カード本体は、有効期限内ですか。紛失や期限切れなら、いいえです。はいは1、いいえは2を押してください。',
      YES_NO,
    ),
    { text: 'Is your My Number card itself still valid?\n(If it has expired, or you lost it and need a new card, answer “No”.)', choices: YES_NO_EN },
  );

export function feeAnswer(fee: Fee): Say {
  const express = fee.notes.includes('express-issuance-separate-page')
    ? {
        text: '特急発行の場合の手数料は、市のホームページ「マイナンバーカード(個人番号カード)の特急発行について」をご覧ください。',
        speak: '特急発行は、市のホームページをご覧ください。',
        en: 'For the fees of express issuance, please see the city website’s page on express issuance of My Number cards.',
      }
    : { text: '', speak: '', en: '' };
  if (fee.totalYen === 0) {
    return said(
      'answers-fees',
      say(
        ['有効なマイナンバーカードへの電子証明書の新規発行・更新は、無料です。', express.text].filter(Boolean).join('\n'),
        '有効なカードへの、電子証明書の発行と更新は、無料です。' + express.speak,
      ),
      ['Issuing or renewing electronic certificates on a valid My Number card is free of charge.', express.en].filter(Boolean).join('\n'),
    );
  }
  const lines = [
    'マイナンバーカードの再交付(有効期限満了や紛失など)と一緒に電子証明書を発行する場合は、手数料がかかります。',
    ...(fee.certificateYen > 0 ? [`・電子証明書 ${fee.certificateYen}円(署名用・利用者証明用は1件200円。2つ同時なら合わせて200円)`] : []),
    `・カードの再交付 ${fee.cardYen}円`,
    `合計 ${fee.totalYen}円`,
  ];
  // The phone: the total first; its parts unless the express note follows.
  const parts = express.speak ? '' : `カードが${fee.cardYen}円、証明書が${fee.certificateYen}円です。`;
  const spoken =
    fee.certificateYen > 0 ? `カードの再交付と一緒の場合は、合わせて${fee.totalYen}円です。${parts}` : `カードの再交付は、${fee.cardYen}円です。`;
  const linesEn = [
    'A fee applies when the electronic certificates are issued together with a re-issued My Number card (after it expires, is lost, etc.).',
    ...(fee.certificateYen > 0 ? [`• Electronic certificates: ${yen(fee.certificateYen)} (200 yen for one, and 200 yen for the signature and user certificates together)`] : []),
    `• Card re-issue: ${yen(fee.cardYen)}`,
    `Total: ${yen(fee.totalYen)}`,
  ];
  return said('answers-fees', say([...lines, express.text].filter(Boolean).join('\n'), spoken + express.speak), [...linesEn, express.en].filter(Boolean).join('\n'));
}

/**
 * R20 for a lost (or expired) card: the re-issue's fees — not free — and that re-issuing the
 * card is not this reservation; where to ask about it.
 */
export function cardReissueAnswer(reissue: Fee, deskPhone: string, voice: boolean, askedAboutFees: boolean): Say {
  const fee = feeAnswer(reissue);
  const elsewhere = {
    text: 'カードを紛失した場合などは、カードの再交付が必要です。カードの再交付は、このご予約(有効なカードへの電子証明書の新規発行・更新)とは別のお手続きです。',
    speak: 'カードの再交付は、このご予約とは別の手続きです。',
    en: 'If you have lost your card, for example, the card must be re-issued. Re-issuing the card is a separate procedure from this reservation (issuing or renewing certificates on a valid card).',
  };
  const desk = askTheDesk(deskPhone, voice);
  // What was asked first: the fee, or whether this reservation will do.
  const withFee = { ...fee, en: fee.en?.text ?? '' };
  const parts = askedAboutFees ? [withFee, elsewhere, desk] : [elsewhere, withFee, desk];
  // The phone: what was asked first, and that it is another procedure, in two sentences.
  const spoken = voice
    ? [
        askedAboutFees
          ? `再交付では、カード${reissue.cardYen}円と証明書${reissue.certificateYen}円で、合わせて${reissue.totalYen}円です。このご予約とは、別の手続きです。`
          : `カードの再交付が必要です。このご予約とは別の手続きで、合わせて${reissue.totalYen}円かかります。`,
      ]
    : parts.map((p) => p.speak);
  return said(
    ['answers-fees', ...(voice ? [] : (['refers-to-phone'] as const))],
    say(parts.map((p) => p.text).join('\n'), spoken.join('')),
    parts.map((p) => p.en).join('\n'),
  );
}

// ── PIN (R19), proxy (R11, R21c) ─────────────────────────────────────────────────────

/** R19: a forgotten PIN is its own procedure; the citizen talks to staff before booking. */
export const pinForgotten = (voice: boolean): Say =>
  said('answers-pin', say(
    [
      '電子証明書の手続きには、ご本人が設定した暗証番号が必要です。',
      '暗証番号を忘れた場合は、電子証明書とは別の手続き(暗証番号変更・再設定申請)が必要です。マイナンバーカードを持って窓口で申請できます。詳しくは窓口の職員におたずねください。',
      voice ? 'ご予約の前に、担当者にご相談ください。「担当者」とお話しいただくと、おつなぎします。' : 'ご予約の前に、担当者にご相談ください。「担当者」と入力すると、職員におつなぎします。',
    ].join('\n'),
    [
      '暗証番号を忘れた場合は、再設定の手続きが必要です。',
      voice ? 'ご予約の前に、担当者、とお話しください。' : 'ご予約の前に、担当者にご相談ください。',
    ].join(''),
  ), [
    'Electronic certificate procedures need the PIN the card holder set.',
    'If you have forgotten it, a separate procedure (changing or resetting the PIN) is needed. You can apply at the window with your My Number card; staff there will explain.',
    voice ? 'Please talk to a member of staff before booking: say “staff” and I will put you through.' : 'Please talk to a member of staff before booking: type “staff” and I will pass you to one.',
  ].join('\n'));

/** R21c: someone else may apply for the holder. */
const PROXY_CAN = { text: '代理人のかたでもお手続きできます。', speak: '代理のかたでも、お手続きできます。', en: 'Someone else (a proxy) can do the procedure for you.' };

/** R11 on the phone line: a proxy's booking is taken by a person, who explains the documents. */
export const proxyBooksWithStaff = (): Say =>
  said(
    'answers-proxy',
    say(
      '代理人が来られる場合は、必要な書類をご案内しますので、担当者がご予約をお受けします。「担当者」とお話しください。',
      '代理の予約は、担当者、とお話しください。',
    ),
    'If a proxy will come, a member of staff takes the reservation and explains the documents. Please say “staff”.',
  );

/** R11/R21c: internet bookings are for the holder; a proxy books by phone, over several days. */
export const proxyInfo = (deskPhone: string, channel: Channel): Say => {
  const move = {
    text: 'ただし、転入・転居の届出の当日に、新しい住所で同一世帯のかたが委任状を持って来られた場合は、その日のうちに手続きできます。',
    speak: '転入や転居の届出の日に、同じ世帯のかたが委任状を持って来られた場合は、その日のうちに手続きできます。',
    en: 'However, on the day a move into or within the city is notified, a member of the same household at the new address who brings a letter of proxy can do it that same day.',
  };
  const days = {
    text: '代理人のお手続きには、市からご本人あてに郵送する照会書兼回答書(兼委任状)が必要なため、日数がかかります。',
    speak: '代理のかたの手続きには、市から郵送する照会書が必要なため、日数がかかります。',
    en: 'A proxy’s procedure takes several days, because it needs the inquiry and answer form (also the letter of proxy) that the city mails to the card holder.',
  };
  if (channel === 'phone') {
    const staff = proxyBooksWithStaff();
    return said(
      'answers-proxy',
      // The phone: the answer and the way forward; the rest from staff.
      say([PROXY_CAN.text, staff.text, days.text, move.text].join('\n'), `${PROXY_CAN.speak}担当者がご予約をお受けしますので、担当者、とお話しください。`),
      [PROXY_CAN.en, staff.en?.text ?? '', days.en, move.en].join('\n'),
    );
  }
  return said(['answers-proxy', 'refers-to-phone'], say(
    [
      PROXY_CAN.text,
      'インターネット(チャット・LINE)でのご予約は、ご本人が来られる場合に限ります。',
      `代理人が来られる場合は、必要な書類をご案内しますので、必ずお電話でご予約ください。${deskPhoneText(deskPhone)}`,
      days.text,
      move.text,
    ].join('\n'),
    PROXY_CAN.speak + `インターネットでのご予約は、ご本人が来られる場合に限ります。代理のかたが来られる場合は、お電話でご予約ください。${deskPhoneSpeech(deskPhone)}です。` + days.speak + move.speak,
  ), [
    PROXY_CAN.en,
    'Reservations online (chat or LINE) are only for card holders who come in person.',
    `If a proxy will come, please book by phone so that staff can explain the documents: ${deskPhoneTextEn(deskPhone)}.`,
    days.en,
    move.en,
  ].join('\n'));
};

/** R11, short: said on web chat and LINE when someone else will come to the counter (this reservation is not for a proxy). */
export const proxyMustCall = (deskPhone: string): Say =>
  said(
    ['answers-proxy', 'not-eligible', 'refers-to-phone'],
    say(
      `インターネットでのご予約は、ご本人が来られる場合に限ります。代理人が来られる場合は、必要な書類をご案内しますので、${deskPhoneText(deskPhone)}でご予約ください。代理人のお手続きには日数がかかります。`,
      `インターネットでのご予約は、ご本人が来られる場合に限ります。代理のかたが来られる場合は、${deskPhoneSpeech(deskPhone)}で、ご予約ください。`,
    ),
    `Online reservations are only for card holders who come in person. If a proxy will come, please book by phone so that staff can explain the documents: ${deskPhoneTextEn(deskPhone)}. A proxy’s procedure takes several days.`,
  );

// ── handoff (R25) ───────────────────────────────────────────────────────────────────

/** While staff have the conversation, the words that give it back to the automatic assistant. */
export const BACK_TO_BOT = '自動案内に戻る';
/** The same in English (the button an English conversation shows, and what tapping it sends). */
export const BACK_TO_BOT_EN = 'Back to assistant';

/** Sent (tapped or typed) while waiting for staff: asks to be called back by phone. */
export const CALLBACK_REQUEST = '折り返しの電話を希望';
export const CALLBACK_REQUEST_EN = 'Please call me back';
const CLOSED_DAYS_EN = 'closed on holidays and Dec 29 – Jan 3';

/** R25: when no one answers, said whenever the citizen is told staff cannot reply now. */
const DESK_CLOSED_DAYS = '祝日と12月29日〜1月3日はお休みです';

/** What a citizen waiting for staff can do instead: the desk phone, a callback. */
const phoneOrCallback = (deskPhone: string, staffedNow: boolean): string[] => [
  staffedNow ? `・お急ぎの場合は、${deskPhoneText(deskPhone)}へお電話ください。` : `・お電話の場合は、受付時間内に${deskPhoneText(deskPhone)}へおかけください。`,
  `・職員からの折り返しのお電話をご希望の場合は「${CALLBACK_REQUEST}」と送ってください。お電話番号をうかがいます。`,
];
const WAITING_CHOICES = (): Choice[] => [{ label: CALLBACK_REQUEST }, { label: BACK_TO_BOT }];
const WAITING_CHOICES_EN = [CALLBACK_REQUEST_EN, BACK_TO_BOT_EN];

const phoneOrCallbackEn = (deskPhone: string, staffedNow: boolean): string[] => [
  staffedNow ? `• If it is urgent, please call ${deskPhoneTextEn(deskPhone)}.` : `• To talk to someone by phone, please call ${deskPhoneTextEn(deskPhone)}.`,
  `• If you would like a member of staff to call you back, send “${CALLBACK_REQUEST_EN}” and I will ask for your number.`,
];
const backToBotEn = `To go back to the automatic assistant, send “${BACK_TO_BOT_EN}”.`;

function handoffInWriting(where: string, staffedNow: boolean, deskPhone: string): Say {
  const whereEn = where === 'このトーク' ? 'in this LINE chat' : 'in this chat';
  // Outside desk hours (R25) no one will answer today: the phone and a callback are offered at once.
  const lines = staffedNow
    ? ['しばらくお待ちください。', `お電話でのご予約・ご相談は、${deskPhoneText(deskPhone)}へどうぞ。`]
    : [`ただいま受付時間外のため、職員はすぐにはお返事できません。お返事は次の受付日になります(受付は${PHONE_HOURS}。${DESK_CLOSED_DAYS})。`, ...phoneOrCallback(deskPhone, false)];
  const linesEn = staffedNow
    ? ['Please wait a moment.', `For reservations or questions by phone, you can also call ${deskPhoneTextEn(deskPhone)}.`]
    : [`We are outside office hours now, so staff cannot reply right away; you will hear back on the next working day (${PHONE_HOURS_EN}; ${CLOSED_DAYS_EN}).`, ...phoneOrCallbackEn(deskPhone, false)];
  return said(['handoff', ...(staffedNow ? [] : (['refers-to-phone'] as const))], say(
    ['担当の職員に引き継ぎました。職員がこれまでのやりとりを読んで、' + where + 'でお返事します。', ...lines, `自動案内に戻る場合は「${BACK_TO_BOT}」と送ってください。`].join('\n'),
    '担当の職員に引き継ぎました。職員が、' +
      where +
      'でお返事します。' +
      (staffedNow ? 'しばらくお待ちください。' : 'お返事は、次の受付日になります。') +
      `お電話でのご相談は、${deskPhoneSpeech(deskPhone)}です。受付は、${PHONE_HOURS_SPEECH}です。`,
    staffedNow ? [{ label: BACK_TO_BOT }] : WAITING_CHOICES(),
  ), {
    text: [`I have passed you to a member of staff. They will read our conversation and reply ${whereEn}.`, ...linesEn, backToBotEn].join('\n'),
    choices: staffedNow ? [BACK_TO_BOT_EN] : WAITING_CHOICES_EN,
  });
}

const WHERE: Record<Channel, string> = { web: 'このチャット', line: 'このトーク', phone: 'このチャット' };
const WHERE_EN: Record<Channel, string> = { web: 'in this chat', line: 'in this LINE chat', phone: 'in this chat' };

/**
 * Nobody has taken the handoff within HANDOFF_WAIT_MINUTES, or the desk has closed meanwhile
 * (R25): the citizen hears that no one can answer now, and is offered the phone and a callback.
 */
export const handoffUnanswered = (channel: Channel, staffedNow: boolean, deskPhone: string = DEFAULT_DESK_PHONE): Say =>
  said('refers-to-phone', say(
    [
      staffedNow
        ? 'お待たせしております。ただいま職員がすぐにはお返事できません。'
        : `お待たせしております。ただいま受付時間外のため、職員のお返事は次の受付日になります(受付は${PHONE_HOURS}。${DESK_CLOSED_DAYS})。`,
      ...phoneOrCallback(deskPhone, staffedNow),
      `・このままお待ちいただければ、${staffedNow ? '' : '次の受付日に'}職員が${WHERE[channel]}でお返事します。`,
      `自動案内に戻る場合は「${BACK_TO_BOT}」と送ってください。`,
    ].join('\n'),
    undefined,
    WAITING_CHOICES(),
  ), {
    text: [
      staffedNow
        ? 'Sorry to keep you waiting. Staff cannot reply right away at the moment.'
        : `Sorry to keep you waiting. We are outside office hours now, so staff will reply on the next working day (${PHONE_HOURS_EN}; ${CLOSED_DAYS_EN}).`,
      ...phoneOrCallbackEn(deskPhone, staffedNow),
      `• If you wait here, staff will reply ${staffedNow ? '' : 'on the next working day '}${WHERE_EN[channel]}.`,
      backToBotEn,
    ].join('\n'),
    choices: WAITING_CHOICES_EN,
  });

/** The chat was opened again (Web Chat reloaded, LINE followed again) while staff have it. */
export const handoffReopened = (channel: Channel, o: { offerCallback: boolean; callbackPhone?: string | null | undefined }, deskPhone: string = DEFAULT_DESK_PHONE): Say =>
  said('handoff', say(
    [
      `担当職員への引き継ぎ中です。職員がこれまでのやりとりを読んで、${WHERE[channel]}でお返事します。メッセージを送ると、そのまま職員に届きます。`,
      o.callbackPhone ? `折り返しのお電話のご依頼を承っています(${phoneText(o.callbackPhone)})。` : `お急ぎの場合は、${deskPhoneText(deskPhone)}へどうぞ。`,
      ...(o.offerCallback && !o.callbackPhone ? [`職員からの折り返しのお電話をご希望の場合は「${CALLBACK_REQUEST}」と送ってください。`] : []),
      `自動案内に戻る場合は「${BACK_TO_BOT}」と送ってください。`,
    ].join('\n'),
    undefined,
    o.offerCallback && !o.callbackPhone ? WAITING_CHOICES() : [{ label: BACK_TO_BOT }],
  ), {
    text: [
      `You are still with a member of staff. They will read our conversation and reply ${WHERE_EN[channel]}; any message you send goes straight to them.`,
      o.callbackPhone ? `We have your request for a call back (${phoneText(o.callbackPhone)}).` : `If it is urgent, please call ${deskPhoneTextEn(deskPhone)}.`,
      ...(o.offerCallback && !o.callbackPhone ? [`If you would like a member of staff to call you back, send “${CALLBACK_REQUEST_EN}”.`] : []),
      backToBotEn,
    ].join('\n'),
    choices: o.offerCallback && !o.callbackPhone ? WAITING_CHOICES_EN : [BACK_TO_BOT_EN],
  });

/** The citizen asked for a callback: the number to call. */
export const handoffAskCallbackPhone = (): Say =>
  said(
    'asks-phone',
    say(`折り返し先の電話番号を入力してください(例:090-1234-5678)。\n受付時間内(${PHONE_HOURS})に、職員からおかけします。`),
    `Please type the phone number we should call you back on (e.g. 090-1234-5678).\nStaff will call during office hours (${PHONE_HOURS_EN}).`,
  );

/** The number is kept on the handoff; staff call it. */
export const handoffCallbackNoted = (phone: string): Say =>
  said('handoff', say(
    [
      `折り返しのご依頼を承りました。受付時間内(${PHONE_HOURS})に、職員から ${phoneText(phone)} へお電話します。`,
      `番号が違う場合は、もう一度「${CALLBACK_REQUEST}」と送ってください。`,
      `自動案内に戻ると、折り返しのご依頼は取り消しになります。`,
    ].join('\n'),
  ), [
    `Thank you. A member of staff will call you on ${phoneText(phone)} during office hours (${PHONE_HOURS_EN}).`,
    `If the number is wrong, send “${CALLBACK_REQUEST_EN}” again.`,
    'If you go back to the automatic assistant, the call-back request is withdrawn.',
  ].join('\n'));

/** What followed the question was no phone number: it went to staff as a message. */
export const handoffCallbackPhoneUnclear = (): Say =>
  said(
    'clarifies',
    say(
      `電話番号を読み取れませんでした。いまのメッセージは職員にお届けしました。\n折り返しのお電話をご希望の場合は、もう一度「${CALLBACK_REQUEST}」と送り、電話番号(例:090-1234-5678)を入力してください。`,
      undefined,
      [{ label: CALLBACK_REQUEST }, { label: BACK_TO_BOT }],
    ),
    {
      text: `I couldn’t read a phone number there, so your message has been passed to staff.\nIf you would like a call back, send “${CALLBACK_REQUEST_EN}” again and then type your number (e.g. 090-1234-5678).`,
      choices: WAITING_CHOICES_EN,
    },
  );

/** Going back to the automatic assistant drops a callback request (staff no longer see it as open); said before handoffEnded (no act of its own). */
export const handoffCallbackCancelled = (): Say => withEnglish(say('折り返しのお電話のご依頼は取り消しました。'), 'Your call-back request has been withdrawn.');

/** Web chat: staff read this conversation and answer in it. */
export const handoffWeb = (staffedNow: boolean, deskPhone: string = DEFAULT_DESK_PHONE): Say => handoffInWriting('このチャット', staffedNow, deskPhone);

/** LINE: staff answer in this LINE talk. */
export const handoffLine = (staffedNow: boolean, deskPhone: string = DEFAULT_DESK_PHONE): Say => handoffInWriting('このトーク', staffedNow, deskPhone);

/** A message arrived while staff have the conversation and nobody has taken it yet. */
export const handoffWaiting = (): Say =>
  said(
    'handoff',
    say(
      `メッセージを担当の職員にお届けしました。お返事まで、しばらくお待ちください。\n自動案内に戻る場合は「${BACK_TO_BOT}」と送ってください。`,
      undefined,
      [{ label: BACK_TO_BOT }],
    ),
    { text: `Your message has been passed to staff. Please wait for their reply.\n${backToBotEn}`, choices: [BACK_TO_BOT_EN] },
  );

/** Staff closed the conversation (or the citizen went back): the bot answers again from here. */
export const handoffEnded = (byCitizen: boolean): Say =>
  said(
    'anything-else',
    say(
      (byCitizen ? '自動案内に戻りました。' : '担当の職員とのやりとりは終了しました。ここからは自動案内がお答えします。') +
        'ご予約、ご予約の確認・変更・キャンセル、持ち物や手数料のご質問など、ご用件をお書きください。',
    ),
    (byCitizen ? 'You are back with the automatic assistant. ' : 'Your conversation with staff has ended; the automatic assistant will answer from here. ') +
      'How can I help? You can book, check, change or cancel a reservation, or ask what to bring, what it costs and so on.',
  );

export const handoffPhoneTransfer = (): Say =>
  said('handoff', say('担当者におつなぎします。そのままお待ちください。', '担当者におつなぎします。そのままお待ちください。'), 'I will put you through to a member of staff. Please hold.');

/**
 * No one can take the call now: staff call back the number this call came from. Only that
 * number is kept; the caller is asked for nothing else.
 */
export const handoffPhoneCallback = (staffedNow = false): Say => {
  const when = staffedNow ? '受付時間内に' : '次の受付日に';
  return said('handoff', say(
    [
      'ただいま担当者がお電話に出られません。',
      `${when}、担当者から、いまおかけの電話番号へおかけ直しします(受付は${PHONE_HOURS})。`,
      '番号を通知せずにおかけの場合は、おかけ直しできません。受付時間内に、もう一度おかけください。',
      'おかけ直しのご依頼を承りました。お電話ありがとうございました。',
    ].join('\n'),
    `ただいま担当者が出られません。${when}、いまおかけの番号へ、担当者からお電話します。番号を通知していない場合は、おかけ直しください。お電話ありがとうございました。`,
  ), [
    'No one can take your call right now.',
    `${staffedNow ? 'During office hours' : 'On the next working day'}, a member of staff will call you back on the number you are calling from (office hours: ${PHONE_HOURS_EN}).`,
    'If your number is withheld, we cannot call you back; please call again during office hours.',
    'We have your call-back request. Thank you for calling.',
  ].join('\n'));
};

export const staffUnavailable = (deskPhone: string): Say =>
  said(
    'refers-to-phone',
    say(
      `申し訳ありません。ただいま担当者におつなぎできません。${deskPhoneText(deskPhone)}におかけください。`,
      `ただいま担当者におつなぎできません。${deskPhoneSpeech(deskPhone)}へおかけください。`,
    ),
    `Sorry, I can’t put you through to staff right now. Please call ${deskPhoneTextEn(deskPhone)}.`,
  );
