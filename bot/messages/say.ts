// A sentence the bot says: the text shown on screen and the words spoken on the phone line,
// plus the choices offered (suggested actions, LINE quick replies, phone keypad digits).

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
  return {
    text: parts.map((p) => p.text).join('\n'),
    speak: parts.map((p) => p.speak).join(' '),
    ...(parts.at(-1)?.choices ? { choices: parts.at(-1)!.choices } : {}),
    ...(parts.at(-1)?.ask ? { ask: parts.at(-1)!.ask } : {}),
    ...(parts.at(-1)?.card ? { card: parts.at(-1)!.card } : {}),
  };
}

export const YES_NO: Choice[] = [
  { label: 'はい', digit: '1' },
  { label: 'いいえ', digit: '2' },
];
