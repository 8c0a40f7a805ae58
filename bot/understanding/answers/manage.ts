// After a reservation is shown (「このご予約をどうしますか」: change, cancel or keep) and at the
// end (「ほかにご用件はありますか」). 「行けなくなった」 or a bare 「やめます」 could be a cancellation
// or a change (or the end of the call): `unclear`, a clerk asks which.
import type { Heard } from './heard.js';
import { leadWord, noncommittal } from './polarity.js';
import { saysGoodbye } from './repair.js';
import { answer, LIKELY, reading, SURE, unclear } from './result.js';
import { whenOf } from './schedule.js';
import type { AnswerReading } from './types.js';

const KEEP_JA = /そのまま|このまま|やっぱり(?:やめ|止め|いい|結構|けっこう)|やめと(?:き|く)|やめておき|(?:やめ|止め)にしておき|(?:変更|キャンセル|取り消し)(?:は|も)?(?:しな|しませ|なし|不要|いらな|やめ)|確認(?:だけ|したかった|のみ|しただけ|でき|しました|しに)|(?:何|なに)もしな|かくにん(?:だけ|したかった)|見たかった(?:だけ)?|知りたかった(?:だけ)?/;
const CANCEL_JA = /キャンセル|きゃんせる|取り消|とりけ|取消|解約|(?:予約|よやく)(?:を|は)?(?:やめ|止め|なしに|無しに|取りやめ)/;
const CHANGE_JA = /変更|へんこう|変え|かえ(?:たい|て|る)|ずら|移し|うつし|別の日|べつのひ|他の日|ほかの日|日にちを|時間を|延期|振り替|早め|遅らせ|(?:来週|再来週|来月|再来月|週末|午前|午後|朝|夕方)(?:の\S{0,6})?に(?:したい|して|しても|できま|変|移|ずら)/;
/** The change or cancellation itself given up: the reservation is kept. */
const NOT_DOING = /(?:変更|へんこう|キャンセル|きゃんせる|取り消し|とりけし|取消)(?:する|す)?(?:の|こと)?(?:は|も|を)?(?:しな|しませ|せず|なし|不要|いらな|やめ|止め|結構|けっこう|取りやめ|とりやめ|見送|みおく)/;
const CORRECTION = /いや|やっぱり|やっぱ|じゃなくて|ではなくて|違う|訂正/;
const KEEP_EN = /\bkeep\b|\bleave it\b|\bas (?:it )?is\b|\bno change|\bjust (?:checking|wanted to check|looking)|\bthat'?s fine\b/;
const CANCEL_EN = /\bcancel|\bcall (?:it )?off\b|\bdelete\b/;
// (「switch to Japanese」 changes the language, not a reservation.)
const CHANGE_EN = /\bchange(?! (?:to|the language|language))|\bmove\b|\breschedule|\bswitch\b(?! (?:to|into|over to) (?:japanese|english))|\bdifferent (?:day|date|time)|\banother (?:day|date|time)/;

export function readManageAction(h: Heard): AnswerReading {
  // 「キャンセル いや やっぱり変更で」: what is said after a correction counts.
  const pieces = h.lang === 'en' ? [h.text] : h.text.split(CORRECTION);
  const t = pieces.at(-1)!.trim() || h.text;
  const w = whenOf(h);
  const wish = { ...(w.date ? { date: w.date } : {}), ...(w.time ? { time: w.time } : {}) };
  const [keep, cancel, change] = h.lang === 'en' ? [KEEP_EN, CANCEL_EN, CHANGE_EN] : [KEEP_JA, CANCEL_JA, CHANGE_JA];
  // 「変更はしません」「キャンセルはしないです」: keeps it.
  // 「キャンセルするのやめておきます」「キャンセルはやっぱりしないでください」 too.
  if (h.lang === 'ja' && NOT_DOING.test(t)) return reading({ action: 'keep' }, SURE);
  if (change.test(t) && !cancel.test(t)) return reading({ action: 'change', ...wish }, SURE);
  if (cancel.test(t)) return reading({ action: 'cancel' }, SURE);
  if (keep.test(t)) return reading({ action: 'keep' }, SURE);
  // 「18日の10時半にできますか」: a new date or time is a change.
  if (Object.keys(wish).length > 0) return reading({ action: 'change', ...wish }, LIKELY);
  return unclear();
}

const NOTHING_JA = /^(?:ナイ|アリマセン|トクニ|ダイジョウブ|ケッコウ|イジョウ|アリガトウ|モウ(?:イイ|ダイジョウブ|ケッコウ|ナイ|ジュウブン)|ソレダケ|オワリ|オシマイ|ヘイキ)|ナイデス(?:ネ|ヨ)?$|アリマセン$|イジョウデス|アリガトウ(?:ゴザイ)?/;
// 「わかりました、電話します」「窓口に行ってみます」: the citizen goes on elsewhere; nothing more here.
const ELSEWHERE_JA = /(?:デンワ|オデンワ)(?:シ|カケ|イタシ)(?:マス|テミマス|ヨウト|ヨウ|テミル|ル)(?:ネ|ヨ)?$|(?:マドグチ|シヤクショ)(?:ニ|ヘ)(?:イキ|イッテミ|ウカガイ)(?:マス)(?:ネ|ヨ)?$/;
const BOOK_JA = /予約|よやく|もう(?:一人|ひとり|1人)|の分(?:も|を)|のぶん(?:も|を)|取りたい|とりたい|申し込|もうしこ|(?:更新|こうしん|発行|はっこう)(?:の手続き|のてつづき)?(?:を|の)?\s?(?:お願い|おねがい|したい|して(?:ほしい|もらいたい))/;
// 「その頃また予約します」「あとで予約します」: a booking for later, not one now.
const BOOK_LATER_JA = /(?:また|あとで|後で|後日|ごじつ|今度|こんど|改めて|あらためて|その頃|そのころ|その時|そのとき)[^。?？!！]{0,8}(?:予約|よやく)(?:し(?:ます|ま〜す|よう|たいと思|ようと思)|する(?:つもり|ね|よ)?)/;
const NOTHING_EN = /^(?:no|nope|nothing|that'?s (?:all|it|everything)|i'?m (?:good|fine|done)|all good|thanks?|thx|ty|thank you|ok(?:ay)?,? (?:thanks|thank you|bye)|bye|goodbye)\b|\bthat'?s all\b|\bi'?ll call\b/;
// 「can I come tomorrow to renew…」: a visit asked for on a day is a booking wish.
const BOOK_EN = /\bcan (?:i|we|she|he) (?:come|visit|go)\b.*\b(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next|this (?:week|month)|on the \d|\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}\/\d{1,2})|\bbook\b|\breserv|\bappointment\b|\bslot\b|\b(?:need|want|would like|'d like|like|have|wish|going) to (?:renew|get (?:it|my|the) \w* ?(?:renewed|certificate))|\b(?:renew|renewal) (?:it|my|the)\b.*\b(?:please|i need|i want)\b/;
const LOOKUP_EN = /\bcheck\b|\bconfirm\b|\blook ?up\b|\bwhen is my\b/;

export function readAnythingElse(h: Heard): AnswerReading {
  if (h.lang === 'en') {
    if (CANCEL_EN.test(h.text)) return reading({ intent: 'cancel' }, SURE);
    if (CHANGE_EN.test(h.text) || /\breschedule\b/.test(h.text)) return reading({ intent: 'change' }, SURE);
    if (LOOKUP_EN.test(h.text)) return reading({ intent: 'lookup' }, LIKELY);
    if (BOOK_EN.test(h.text)) return reading({ intent: 'book' }, SURE);
    if (NOTHING_EN.test(h.text) || saysGoodbye(h.text)) return answer('no');
    const lead = leadWord(h);
    return lead ? answer(lead) : unclear();
  }
  const { intent } = h.intent;
  if (intent === 'change') return reading({ intent: 'change' }, SURE);
  if (intent === 'cancel' && CANCEL_JA.test(h.text)) return reading({ intent: 'cancel' }, SURE);
  if (intent === 'check') return reading({ intent: 'lookup' }, SURE);
  if (BOOK_LATER_JA.test(h.text)) return h.asks ? unclear() : answer('no');
  if (BOOK_JA.test(h.text)) return reading({ intent: 'book' }, SURE);
  const lead = leadWord(h);
  if (lead === 'no' || NOTHING_JA.test(h.kana) || ELSEWHERE_JA.test(h.kana) || noncommittal(h)) return answer('no');
  if (lead === 'yes' || /^アリマス|キキタイ|シツモン|モウヒトツ|モウイッケン|ソウダン/.test(h.kana)) return answer('yes');
  return unclear();
}
