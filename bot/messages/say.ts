// A sentence the bot says: the text shown on screen and the words spoken on the phone line,
// plus the choices offered (suggested actions, LINE quick replies, phone keypad digits), its
// English (web and LINE), and what it does in the conversation (its act, for tests and logs).

/** The languages a conversation is held in (English on web and LINE only). */
export type Lang = 'ja' | 'en';

/**
 * What a message does in the conversation, in the words of the conversation tests
 * (test/conversations/README.md): a question, an answer, a repair.
 */
export type Act =
  | 'welcome' | 'asks-notice' | 'asks-certificate-expiry' | 'asks-card-expiry' | 'asks-in-person'
  | 'asks-date' | 'asks-time' | 'offers-windows' | 'asks-birthday' | 'asks-phone'
  | 'asks-use-caller-number' | 'asks-email' | 'read-back' | 'booked' | 'asks-another-member'
  | 'asks-reservation-number' | 'asks-birthday-lookup' | 'shows-reservation' | 'asks-manage-action'
  | 'confirm-cancel' | 'cancelled' | 'confirm-change' | 'changed' | 'kept-as-is'
  | 'answers-documents' | 'answers-fees' | 'answers-eligibility' | 'answers-office' | 'answers-pin'
  | 'answers-proxy' | 'not-eligible' | 'refers-to-phone' | 'clarifies' | 'stopped' | 'off-topic-reply'
  | 'help' | 'handoff' | 'offers-handoff' | 'anything-else' | 'goodbye' | 'resumes'
  | 'full-offers-alternatives' | 'too-soon-phone-only' | 'closed-day'
  // The proxy form request (R21c step 1).
  | 'offers-proxy-request' | 'asks-requester' | 'asks-name' | 'proxy-request-taken';

export interface Choice {
  /** What the button shows and what tapping it sends. */
  label: string;
  /** A label for buttons that hold few characters (LINE: 20), when `label` is longer; tapping still sends `label`. */
  short?: string;
  /** The phone keypad digit for this choice (1 = はい, 2 = いいえ, menu numbers). */
  digit?: string;
}

export interface Say {
  text: string;
  speak: string;
  choices?: Choice[];
  /** What is being asked, for channels with a native control (LINE's date picker, a confirmation card). */
  ask?: 'date' | 'confirm';
  /** A read-back as a list of facts (a card's rows): doors render cards from these, never from `text`. */
  card?: Card;
  /** What the message does (one or more acts; a joined message carries its parts'). */
  acts?: Act[];
  /** The same message in English (web and LINE); without it an English conversation sees the Japanese. */
  en?: English;
  /** The language `speak` is in when it is not Japanese (English on the phone line). */
  speakLang?: Lang;
}

export interface English {
  text: string;
  /** The choices' labels, in the order of `choices`. */
  choices?: string[];
  card?: Card;
}

export interface Fact {
  label: string;
  value: string;
}

export interface Card {
  title: string;
  /** The sentence shown with the card (the question it asks). */
  lead: string;
  facts: Fact[];
}

/** Display text for the screen, speech for the phone; speech defaults to the text made speakable. */
export function say(text: string, speak?: string, choices?: Choice[]): Say {
  return { text, speak: speak ?? speakable(text), ...(choices ? { choices } : {}) };
}

/** The message marked with what it does. */
export function as(act: Act, s: Say): Say {
  return { ...s, acts: [...(s.acts ?? []), act] };
}

/** The message with its English (choices' labels in order; an English card for a read-back). */
export function withEnglish(s: Say, en: string | English): Say {
  return { ...s, en: typeof en === 'string' ? { text: en } : en };
}

/** The message as a conversation in `lang` shows it: English where it has one (never on the phone). */
export function inLanguage(s: Say, lang: Lang): Say {
  if (lang !== 'en' || !s.en) return s;
  const { en, ...ja } = s;
  return {
    ...ja,
    text: en.text,
    speak: en.text,
    ...(ja.choices ? { choices: ja.choices.map((c, i) => ({ ...c, label: en.choices?.[i] ?? c.label, short: en.choices?.[i] ? undefined : c.short })) } : {}),
    ...(en.card ? { card: en.card } : {}),
  } as Say;
}

/** Strips what a voice must not read: brackets, bullets, URLs, symbols; 〜 reads as から. */
export function speakable(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[「」『』【】（）()・●◆■□※]/g, '')
    .replace(/〜/g, 'から')
    .replace(/\n+/g, '。')
    .replace(/。+/g, '。')
    .replace(/\s+/g, ' ')
    .trim();
}

export function join(...parts: Say[]): Say {
  const last = parts.at(-1);
  const acts = parts.flatMap((p) => p.acts ?? []);
  // English part by part: a part without English shows its Japanese.
  const en: English | undefined = parts.some((p) => p.en)
    ? { text: parts.map((p) => p.en?.text ?? p.text).join('\n'), ...(last?.en?.choices ? { choices: last.en.choices } : {}), ...(last?.en?.card ? { card: last.en.card } : {}) }
    : undefined;
  return {
    text: parts.map((p) => p.text).join('\n'),
    speak: parts.map((p) => p.speak).join(' '),
    ...(last?.choices ? { choices: last.choices } : {}),
    ...(last?.ask ? { ask: last.ask } : {}),
    ...(last?.card ? { card: last.card } : {}),
    ...(acts.length ? { acts } : {}),
    ...(en ? { en } : {}),
  };
}

export const YES_NO: Choice[] = [
  { label: 'はい', digit: '1' },
  { label: 'いいえ', digit: '2' },
];
