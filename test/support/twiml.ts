// TwiML as Twilio reads it: a strict little XML reader (balanced tags, quoted attributes, the five
// XML entities) and a check that only the verbs, nouns and attributes Twilio documents for Voice
// are used, with values it accepts (https://www.twilio.com/docs/voice/twiml).
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), trimmed. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);|&/gi, (whole, name: string | undefined) => {
    if (!name) throw new Error('a bare & in the XML');
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    const e = ENTITIES[name];
    if (e === undefined) throw new Error(`unknown entity &${name};`);
    return e;
  });
}

/** Parses a TwiML document; throws on anything that is not well-formed XML. */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const rest = () => xml.slice(i);
  const decl = /^<\?xml[^?]*\?>\s*/.exec(rest());
  if (decl) i += decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] === '<') {
      const close = /^<\/([A-Za-z][\w.-]*)\s*>/.exec(rest());
      if (close) {
        const open = stack.pop();
        if (!open || open.name !== close[1]) throw new Error(`</${close[1]}> closes ${open?.name ?? 'nothing'}`);
        open.text = open.text.trim();
        i += close[0].length;
        if (!stack.length) root = open;
        continue;
      }
      const tag = /^<([A-Za-z][\w.-]*)((?:\s+[A-Za-z][\w.-]*="[^"<]*")*)\s*(\/?)>/.exec(rest());
      if (!tag) throw new Error(`malformed tag at ${i}: ${rest().slice(0, 40)}`);
      const attrs: Record<string, string> = {};
      for (const m of tag[2]!.matchAll(/([A-Za-z][\w.-]*)="([^"<]*)"/g)) {
        if (m[1]! in attrs) throw new Error(`attribute ${m[1]} twice`);
        attrs[m[1]!] = decode(m[2]!);
      }
      const el: XmlElement = { name: tag[1]!, attrs, children: [], text: '' };
      if (stack.length) stack.at(-1)!.children.push(el);
      else if (root) throw new Error('a second root element');
      i += tag[0].length;
      if (tag[3]) {
        if (!stack.length) root = el;
      } else stack.push(el);
      continue;
    }
    const text = /^[^<]+/.exec(rest())![0];
    if (stack.length) stack.at(-1)!.text += decode(text);
    else if (text.trim()) throw new Error('text outside the root element');
    i += text.length;
  }
  if (stack.length || !root) throw new Error('unclosed element');
  return root;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const POSITIVE = /^[1-9]\d*$/;
const METHOD = /^(GET|POST)$/;
const RELATIVE_OR_ABSOLUTE_URL = /^(\/|https:\/\/)[^\s]*$/;

type Check = (v: string, el: XmlElement) => string | undefined;
const must = (re: RegExp, what: string): Check => (v) => (re.test(v) ? undefined : `must be ${what}`);

/** Per element: its attributes and what each accepts; its allowed children ('#text' = text content). */
const SPEC: Record<string, { attrs: Record<string, Check>; children: string[] }> = {
  Response: { attrs: {}, children: ['Say', 'Gather', 'Dial', 'Hangup', 'Redirect', 'Pause'] },
  Say: { attrs: { voice: must(/^[\w.-]+$/, 'a voice name'), language: must(/^[a-z]{2}-[A-Z]{2}$/, 'a language tag'), loop: must(/^\d+$/, 'a count') }, children: ['#text'] },
  Pause: { attrs: { length: must(POSITIVE, 'seconds') }, children: [] },
  Hangup: { attrs: {}, children: [] },
  Redirect: { attrs: { method: must(METHOD, 'GET or POST') }, children: ['#text'] },
  Gather: {
    attrs: {
      action: must(RELATIVE_OR_ABSOLUTE_URL, 'a URL'),
      method: must(METHOD, 'GET or POST'),
      input: must(/^(dtmf|speech|dtmf speech|speech dtmf)$/, 'dtmf, speech or both'),
      language: must(/^[a-z]{2}-[A-Z]{2}$/, 'a language tag'),
      timeout: must(POSITIVE, 'whole seconds'),
      // A whole number of seconds; `auto` is refused with an explicit speechModel (warning 13335).
      speechTimeout: (v, el) => (POSITIVE.test(v) ? undefined : v === 'auto' && !el.attrs.speechModel ? undefined : 'must be whole seconds (auto not with a speechModel)'),
      finishOnKey: must(/^[0-9#*]?$/, 'one key or empty'),
      numDigits: must(POSITIVE, 'a positive whole number'),
      hints: (v) => {
        const phrases = v.split(',');
        return phrases.length <= 500 && phrases.every((p) => p.trim().length > 0 && p.length <= 100) ? undefined : 'must be up to 500 comma-separated phrases of up to 100 characters';
      },
      speechModel: must(/^(default|numbers_and_commands|phone_call|experimental_conversations|experimental_utterances|googlev2_long|googlev2_short|googlev2_telephony|googlev2_telephony_short|deepgram_nova-2|deepgram_nova-3)$/, 'a model Twilio documents'),
      profanityFilter: must(/^(true|false)$/, 'true or false'),
      actionOnEmptyResult: must(/^(true|false)$/, 'true or false'),
    },
    children: ['Say', 'Play', 'Pause'],
  },
  Dial: {
    attrs: {
      action: must(RELATIVE_OR_ABSOLUTE_URL, 'a URL'),
      method: must(METHOD, 'GET or POST'),
      timeout: must(POSITIVE, 'whole seconds'),
      callerId: must(E164, 'an E.164 number'),
      timeLimit: must(POSITIVE, 'whole seconds'),
      answerOnBridge: must(/^(true|false)$/, 'true or false'),
    },
    children: ['#text', 'Number'],
  },
  Number: { attrs: {}, children: ['#text'] },
};

/** Every way the document departs from TwiML Voice as documented; empty when it is valid. */
export function twimlProblems(xml: string): string[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [`not well-formed: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  if (root.name !== 'Response') problems.push(`the root is <${root.name}>, not <Response>`);
  const visit = (el: XmlElement) => {
    const spec = SPEC[el.name];
    if (!spec) return void problems.push(`<${el.name}> is not a TwiML Voice verb or noun here`);
    for (const [name, value] of Object.entries(el.attrs)) {
      const check = spec.attrs[name];
      if (!check) problems.push(`<${el.name} ${name}> is not a documented attribute`);
      else {
        const p = check(value, el);
        if (p) problems.push(`<${el.name} ${name}="${value}"> ${p}`);
      }
    }
    if (el.text && !spec.children.includes('#text')) problems.push(`<${el.name}> holds text`);
    for (const child of el.children) {
      if (!spec.children.includes(child.name)) problems.push(`<${child.name}> inside <${el.name}>`);
      visit(child);
    }
    // What <Dial> and <Number> dial: E.164 (a national number fails, errors 13223/13224).
    if ((el.name === 'Dial' && !el.children.length) || el.name === 'Number') {
      if (!E164.test(el.text)) problems.push(`<${el.name}>${el.text}</${el.name}> is not an E.164 number`);
    }
    if (el.name === 'Say' && !el.text) problems.push('<Say> says nothing');
  };
  visit(root);
  return problems;
}

/** The verbs of a response, in order, with nested ones flattened after their parent. */
export function verbs(xml: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    for (const c of el.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(parseXml(xml));
  return out;
}
