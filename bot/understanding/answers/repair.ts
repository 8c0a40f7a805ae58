// Conversation repair, heard on any question (DESIGN.md "Conversation repair"): giving up,
// starting over, asking for a person, for English, for help, a side question on one of the
// desk's topics, chitchat. Each detector says only whether the line does it; answers.ts decides
// against the answer to the question asked.
import type { Heard } from './heard.js';
import type { Lang, Topic } from './types.js';

const STOP_JA = /(?:やめ|止め|辞め)(?:ます|とき|ておき|てお|る$|たい|よう|にし|とく)|やっぱ(?:り)?\s?いいです|また(?:今度|こんど|後で|あとで|にし|かけ)|(?:今度|こんど)にし|(?:後|あと)に(?:しま|する)|出直|でなお|かけ直|かけなお|中止(?:します|で|して|したい)|(?:終わり|おわり)にし|もう(?:いい|結構|けっこう)(?:です)?(?:\s|$)|また(?:電話|でんわ|連絡|れんらく|来ます|きます)|(?:やめ|止め)た$|キャンセル(?:します|で|したい|お願い|して)|きゃんせる/;
const STOP_EN = /^(?:please )?stop\b|\bstop (?:this|it|now|please)\b|\b(?:never ?mind|forget it|quit|give up|not now|maybe later|another time|i'?ll (?:call|do it|try|come back|book)(?: \w+)? later|i will (?:call|do it|try|come back|book)(?: \w+)? later|cancel (?:this|the booking|everything)|i don'?t want to (?:book|continue))\b/;

const RESTART_JA = /最初から|さいしょから|初めから|始めから|はじめから|やり直|やりなお|一からやり|いちからやり/;
const RESTART_EN = /\b(?:start (?:over|again)|from the (?:start|beginning|top)|restart|begin again)\b/;

const STAFF_JA = /にんげん|人間|直接(?:話|はな)|ちょくせつ(?:話|はな)|(?:ひと|人|方|かた)(?:と|に)(?:はな|話|かわ|代わ|つな|繋)|オペレーター|しょくいん|職員|たんとう|担当|窓口の(?:人|方)|スタッフ/;
// A farewell said in the middle of something (「ありがとう、さようなら」 "ok great, thanks bye"): the
// citizen is leaving — the task ends with a goodbye, not 「ほかにご用件は」.
const FAREWELL_JA = /(?:さようなら|さよなら|さいなら|バイバイ|ばいばい|失礼します|失礼いたします|しつれいします)[。．.!！\s〜ー]*$/;
const FAREWELL_EN = /\b(?:bye|goodbye|bye-bye|see (?:you|ya))\b[\s.!~]*$|^(?:thx|ty|thanks?|thank you)[\s,!.]*(?:so much|a lot)?[\s,!.]*(?:bye|goodbye)\b/;
const STAFF_EN = /\b(?:talk|speak|connect|transfer|put me through|need|want|get me)\b.*\b(?:person|human|someone|somebody|staff|agent|operator|representative|clerk)\b|^(?:a |the )?(?:staff|operator|agent|human|person|representative)(?: please)?$|\breal person\b|\bhuman please\b/;

const ENGLISH_JA = /英語|えいご|エイゴ|イングリッシュ|english|日本語(?:が|は)?(?:わから|分から|できな|話せな|苦手|読めな)/;
// 「in Japanese, please」 — not 「my Japanese isn't good enough」「I don't speak Japanese」.
const JAPANESE_EN = /\bjapanese\b/;
const JAPANESE_NOT_EN = /\b(?:my|our|her|his) japanese\b|\b(?:don'?t|do not|can'?t|cannot|can not|doesn'?t|does not|not|no|little|bad|poor|weak|limited)\b[\w\s']{0,12}\bjapanese\b|\bjapanese\b[\w\s']{0,20}\b(?:not|isn'?t|bad|poor|weak|limited|difficult|hard)\b/;
const ENGLISH_EN = /\benglish\b/;

const HELP_JA = /(?:何|なん|なに)(?:て|と|を|が)?\s?(?:言え|いえ|答えれ|こたえれ|入れれ|いれれ|入力すれ|押せ|おせ|書け|かけ|話せ|はなせ|言った|いった)ば|(?:何|なん|なに)(?:て|と|を)?\s?(?:言っ|いっ|答え|こたえ|入れ|いれ|入力し|押し|おし|書い|かい)たら|どう(?:すれば|したら|やって|やれば)(?:いい|良い|いいの)|使い方|つかいかた|(?:何|なん)(?:番|ばん)を?(?:押|お)せ|どこに(?:書いて|かいて|載って|のって|あり)|何ができ|なにができ|ヘルプ|選択肢|もう(?:一|1|いち)(?:度|回|ど|かい)(?:言|い|お願い|おねがい)|聞こえ(?:ない|ません)|ゆっくり/;
const HELP_EN = /^help\b|\bhelp me\b|\brepeat\b|say (?:that|it) again|\bpardon\b|what (?:can|should|do) i (?:say|do|type|answer|enter|write)|how does (?:this|it) work|what are (?:my|the) options|i don'?t understand|what do you mean/;

// Side questions on the desk's topics, most specific first (CONVENTIONS.md's precedence).
const TOPICS_JA: [Topic, RegExp][] = [
  ['pin', /暗証|あんしょう|パスワード|\bpin\b/],
  ['proxy', /代理|だいり|委任|代わりの(?:人|方)|かわりのひと|本人以外|本人じゃな/],
  ['documents', /持ち物|もちもの|持って(?:いく|行く|くる|来る|いけ)|もっていく|必要な(?:もの|書類)|(?:何|なに)が(?:いり|要り|必要)|身分証|保険証|免許証|本人確認|書類|写真/],
  ['fees', /手数料|料金|費用|お金|おかね|無料|有料|いくら|何円|タダ|かかりますか/],
  ['hours', /何時(?:まで|から)|なんじ(?:まで|から)|(?:営業|受付|開庁)時間|(?:土曜|日曜|祝日|土日|休日|週末|夜|朝|昼休み).{0,4}(?:やって|開いて|営業|受付)|何時に(?:開|閉|終)/],
  ['office', /場所|ばしょ|どこ(?!か)|支所|ししょ(?!う)|駐車|駐輪|行き方|アクセス|何階|住所|最寄り|バス|駅/],
  ['eligibility', /更新|こうしん|対象|有効期限|期限|通知書|通知|証明書|顔認証|\d+歳|未成年|予約でき(?:ない|ません)/],
];
const TOPICS_EN: [Topic, RegExp][] = [
  ['pin', /\bpin\b|password|passcode/],
  ['proxy', /proxy|on (?:my|his|her|their) behalf|power of attorney|someone else (?:go|come|apply)|instead of (?:me|him|her)/],
  ['documents', /\bbring\b|document|\bid\b|identification|paperwork|what do i need|need to take|required|j[uū]u?min ?hy[oō]u?|zairyu|residence card|passport|insurance card|driver'?s licen[cs]e/],
  // 「Is Tuesday free?」 asks about a slot, not the fee; 「Is Saturday OK?」 wishes for a Saturday.
  ['fees', /\bcost|\bfees?\b|how much|price|free of charge|\bfor free\b|is (?:it|this|that|the (?:renewal|procedure|service)) (?:still |also |really )?free\b|\bpay\b|\bcharge\b|\byen\b/],
  ['hours', /\bopen\b|\bhours\b|what time do you|\bclos(?:e|ed|ing)\b/],
  ['office', /\bwhere\b|address|located|location|parking|branch|floor|get there|station|\bbus\b|\btrain\b|nearest|closest|directions/],
  ['eligibility', /eligib|renew|expir|notice|qualif/],
];
// An everyday office-intent maps to hours when it is about time.
const ABOUT_TIME = /何時|なんじ|時間|曜|祝日|土日|休日|週末|夜|朝|開いて|あいて|やって|閉ま/;

const CHITCHAT_JA = /冷え|滝|紅葉|もみじ|天気|てんき|寒い|さむい|暑い|あつい|雨|雪|観光|温泉|ランチ|ご飯|ごはん|美味し|おいし|猿|お土産|おみやげ|趣味|元気ですか|ロボット|ニュース|野球|サッカー|花見|桜/;
const CHITCHAT_KANA = /(?:ノ|ッテ)?タキ(?:ッテ|ハ|ノ|ガ|マデ)|コウヨウ|モミジ|テンキ|サムイ|アツイ|ヒエ(?:マス|ル|テ|コミ|ヒエ)|ユキ(?:ガ|ハ|モ)?(?:フ|ツモ)/;
const CHITCHAT_EN = /weather|waterfall|\bfalls\b|autumn|foliage|\bleaves\b|lunch|restaurant|\bfood\b|how are you|sightseeing|tourist|hot spring|monkey|\bcold\b|\brain\b/;

export function givesUp(h: Heard): boolean {
  return h.lang === 'en' ? STOP_EN.test(h.text) || FAREWELL_EN.test(h.text) : STOP_JA.test(h.text) || FAREWELL_JA.test(h.text);
}

/** 「ありがとう、さようなら」 "thanks, bye": a farewell (the conversation ends with a goodbye). */
export function saysGoodbye(text: string): boolean {
  const t = text.normalize('NFKC').toLowerCase().trim();
  return FAREWELL_JA.test(t) || FAREWELL_EN.test(t);
}

export function restarts(h: Heard): boolean {
  return h.lang === 'en' ? RESTART_EN.test(h.text) : RESTART_JA.test(h.text);
}

export function wantsStaff(h: Heard): boolean {
  if (h.lang === 'en') return STAFF_EN.test(h.text);
  return h.intent.intent === 'staff' || STAFF_JA.test(h.text);
}

/** The language asked for: 「英語で」「Do you speak English?」. */
export function languageAsked(h: Heard): Lang | undefined {
  if (h.lang === 'en') return ENGLISH_EN.test(h.text) ? 'en' : JAPANESE_EN.test(h.text) && !JAPANESE_NOT_EN.test(h.text) ? 'ja' : undefined;
  return ENGLISH_JA.test(h.text) ? 'en' : undefined;
}

export function wantsHelp(h: Heard): boolean {
  return h.lang === 'en' ? HELP_EN.test(h.text) : HELP_JA.test(h.text);
}

/** The desk topic a line is about, if any (whether it asks is the caller's business). */
export function topicOf(h: Heard): Topic | undefined {
  if (h.lang === 'en') return TOPICS_EN.find(([, re]) => re.test(h.text))?.[0];
  const { intent } = h.intent;
  if (intent === 'office') return ABOUT_TIME.test(h.text) ? 'hours' : 'office';
  if (intent === 'pin' || intent === 'proxy' || intent === 'documents' || intent === 'fees' || intent === 'eligibility') return intent;
  return TOPICS_JA.find(([, re]) => re.test(h.text))?.[0];
}

/** The line asks something, or asks to be told (「教えてください」「tell me」). */
export function asksSomething(h: Heard): boolean {
  if (h.asks) return true;
  const last = h.clauses.at(-1)?.text ?? '';
  return h.lang === 'en' ? /\btell me\b|\bi(?:'d| would) like to know\b/i.test(last) : /教えて|おしえて|知りたい|しりたい|聞きたい|ききたい/.test(last);
}

// 「どっちの期限のことですか」「どういう意味ですか」: asks what the question means.
const WHAT_IS_MEANT_JA = /どっち|どちら|どの|どういう(?:意味|こと)|何の(?:こと|期限|番号)|なんのこと/;
const WHAT_IS_MEANT_EN = /\bwhich (?:one|date|expiry|card|number)\b|\bwhat do you mean\b|\bmeaning\b/;

export function asksWhatIsMeant(h: Heard): boolean {
  return h.asks && (h.lang === 'en' ? WHAT_IS_MEANT_EN : WHAT_IS_MEANT_JA).test(h.text);
}

export function isChitchat(h: Heard): boolean {
  return h.lang === 'en' ? CHITCHAT_EN.test(h.text) : CHITCHAT_JA.test(h.text) || CHITCHAT_KANA.test(h.kana);
}
