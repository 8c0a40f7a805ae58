// Cue words for intent recognition (意図の手がかり語). Each cue gives its intent a weight;
// an intent needs a total of 1 to count, so a cue below 1 only helps another cue of the
// same intent (暗証番号 0.6 + 忘れる 0.5 → pin). Precedence then picks one (CONVENTIONS.md).
import type { Intent } from './intents.js';
import { AGE_WORDS, TOPIC_TEXT } from './intent-topics.js';

export interface Cue {
  intent: Intent;
  weight: number;
  /** A token whose lemma or surface is one of these. */
  lemmas?: readonly string[];
  /** Found in the utterance's surface text (kanji compounds, fixed phrases). */
  text?: RegExp;
  /**
   * Found in the katakana reading, starting at a token boundary: catches hiragana and
   * katakana spellings that IPADIC splits wrongly (よやく → よ/やくし).
   */
  kana?: readonly string[];
  /** Only a negated predicate counts (行けない, わからない); such a cue is never flipped. */
  whenNegated?: boolean;
  /** Negation never flips it (the cue already is a refusal or a trouble report). */
  fixed?: boolean;
  /** The hit is ignored when it lies inside one of these (予約番号 is not 予約). */
  unless?: RegExp;
}

export const PRECEDENCE: readonly Intent[] = [
  'staff', 'pin', 'proxy', 'change', 'cancel', 'check', 'documents', 'fees', 'office',
  'eligibility', 'book', 'help',
];

const DAY_OFF = '(?:土曜|日曜|土日|祝日|祭日|休日|週末|年末|夜間)';
const FAMILY = '(?:家族|夫|妻|主人|旦那|嫁|母|父|親|両親|娘|息子|子供|子ども|祖母|祖父|兄|弟|姉|妹)';
const NOT_CHECKING = new RegExp(`本人確認|確認書|資格確認|確認できる書類|${TOPIC_TEXT.checkIn.source}`);
// An age or a child, then a question whether they can or must (「15歳の息子も予約できますか」「子供は対象?」);
// 「子どもの分もお願いできますか」 books for the child too (R9).
const AGE_QUESTION = new RegExp(
  `(?:${AGE_WORDS})(?!の分|のぶん).{0,12}(?:でも|も|は|って|だと|なら|の場合).{0,12}(?:でき|対象|たいしょう|申請|しんせい|更新|発行|はっこう|必要|ひつよう|いる|要る|手続|てつづき|取れ|作れ|どう)`,
);

export const CUES: readonly Cue[] = [
  // staff (人と話したい)
  { intent: 'staff', weight: 1, lemmas: ['職員', 'オペレーター', 'オペレータ', 'スタッフ', '係員', '人間', '担当者'], kana: ['ショクイン', 'オペレーター', 'タントウシャ'] },
  { intent: 'staff', weight: 1, lemmas: ['担当', '係'], kana: ['タントウ'] },
  { intent: 'staff', weight: 1, text: /窓口の(人|方|かた)|(人|ひと|方|かた|誰か|だれか)(と|に)(直接)?(話|はな|代わ|かわ|つな|繋)|電話で(話|相談)/ },
  { intent: 'staff', weight: 0.5, text: /(人|ひと|誰か|だれか)(と|に|が)/ },
  { intent: 'staff', weight: 0.5, lemmas: ['話す', '話せる', '代わる', '相談'] },
  { intent: 'staff', weight: 0.7, lemmas: ['つなぐ', '繋ぐ', 'つなげる', '繋げる'] },
  { intent: 'staff', weight: 0.3, lemmas: ['直接', '電話'] },

  // pin (暗証番号を忘れた)
  { intent: 'pin', weight: 0.6, text: /暗証|あんしょう|パスワード|ぱすわーど|\bPIN\b|ピン(番号|コード)/i, kana: ['アンショウ'] },
  { intent: 'pin', weight: 0.5, lemmas: ['忘れる', 'わすれる', '忘れ', '間違える', 'まちがえる', '間違う', '初期化', 'リセット', '変更', '変える', '入力', '打つ'], kana: ['ワスレ', 'マチガ'] },
  { intent: 'pin', weight: 0.5, lemmas: ['思い出す', '思い出せる', 'わかる', '分かる', '覚える'], whenNegated: true },
  { intent: 'pin', weight: 0.6, text: /(\d|四|よん)\s?(桁|けた)/ },
  { intent: 'pin', weight: 1, lemmas: ['ロック', '再設定'], kana: ['ロック', 'サイセッテイ'], fixed: true },

  // proxy (代理で申請したい)
  // 「保険証の代わりに資格確認書」 replaces a document, not the holder.
  { intent: 'proxy', weight: 1, lemmas: ['代理', '代理人', '委任', '委任状', '代わり'], kana: ['ダイリ', 'イニン'], unless: /(?:保険証|免許証?|証明書|書類|カード|パスポート|手帳|確認書)の(?:代わり|かわり)/ },
  { intent: 'proxy', weight: 1, text: /本人以外|本人じゃな|本人ではな|かわりに|頼まれ|たのまれ/ },
  { intent: 'proxy', weight: 1, text: new RegExp(`${FAMILY}(さん)?(が|に)(行|い[きくっ]|代わり|申請|手続|取りに)`) },
  { intent: 'proxy', weight: 0.5, lemmas: ['本人'] },
  { intent: 'proxy', weight: 1, text: /照会書|回答書/ },
  { intent: 'proxy', weight: 0.5, lemmas: ['行ける', '行く', '来る', '来れる', '来られる'], whenNegated: true },

  // change (予約を変更したい)
  { intent: 'change', weight: 1, lemmas: ['変更', 'ずらす', 'ずらせる', '変える', '変えれる', '延期', '振替', '振り替え', '振り替える', '早める', '遅らせる', '繰り上げる', '繰り下げる'], kana: ['ヘンコウ'] },
  { intent: 'change', weight: 1, text: /(別|べつ|他|ほか|違う|ちがう)の?(日|ひ|日にち|日程|時間|じかん|曜日|時間帯|時刻)(に|へ)|別日|(し|取り|とり)直/ },
  { intent: 'change', weight: 0.7, text: /(別|べつ|他|ほか|違う|ちがう)の?(日|ひ|日にち|日程|時間|じかん|曜日|時間帯|時刻)/ },
  { intent: 'change', weight: 0.7, lemmas: ['移す', '日程'] },
  { intent: 'change', weight: 1, text: /(日にち|ひにち|日時|時間|じかん)(を|の)?(かえ|変え|かわ|替え)/ },
  { intent: 'change', weight: 0.7, text: /(後|あと|前|まえ|遅い|おそい|早い|はやい)の?(日|ひ|時間)(に|へ)/ },
  { intent: 'change', weight: 1, text: /(キャンセル|取り消)して.{0,12}(\d+(月|日|時)|来週|明日|別|ほか|他).{0,10}(に|へ)(し|変|替|移|予約)/ },

  // cancel (キャンセルしたい / 行けなくなった)
  { intent: 'cancel', weight: 1, unless: /キャンセル料|(?<![ぁ-ゖ])きゃんせるりょう[ぁ-ゖ]*/, lemmas: ['キャンセル', '取り消す', '取り消し', '取消', '取消し', 'とりけす', 'やめる', '止める', '辞める', '中止', '取りやめる', '取り止める', '取りやめ', '取り止め', '解約', '辞退'], kana: ['キャンセル', 'トリケシ', 'チュウシ'] },
  { intent: 'cancel', weight: 1, lemmas: ['行ける', '行く', '来れる', '来られる', '伺う', '伺える', '間に合う', '行かれる', 'いける'], whenNegated: true, unless: /(?:間に合わ|来られ|来れ|行け|いけ)な(?:かったら|い場合|かった場合)/ },
  { intent: 'cancel', weight: 1, text: /(不要|いらなく|要らなく|必要なく|必要がなく)(なっ|なり)|(予約|よやく)(は|を)?(なし|無し)に/, fixed: true },
  { intent: 'cancel', weight: 1, text: /(行け|いけ|来れ|これ|来られ|伺え)そうに(ない|なく|あり)/, fixed: true },
  { intent: 'cancel', weight: 0.5, lemmas: ['都合'] },
  { intent: 'cancel', weight: 0.5, lemmas: ['悪い', '悪く'] },
  { intent: 'cancel', weight: 0.5, lemmas: ['つく', '付く'], whenNegated: true },

  // check (予約の確認)
  { intent: 'check', weight: 1, lemmas: ['確認', '照会'], kana: ['カクニン'], unless: NOT_CHECKING },
  { intent: 'check', weight: 1, text: /(何時|なんじ|いつ|何日|なんにち|何曜|なんよう|何分)(から|まで)?(だっ|でし)(た|け)|だっけ|どうなって|(予約|よやく)の?(日時|日にち|時間)を?(教え|知りたい|確認)|予約した(か|の)?(を)?(忘れ|わすれ|わから)|予約内容|(予約|よやく)(が|は|って)?(ちゃんと|きちんと|もう|無事)?(でき|取れ|とれ|入っ|はいっ|済)(て|た|まし)|予約し(た|てる|ている|てある)(日|時間|じかん|日時|時刻|内容)/ },
  { intent: 'check', weight: 0.5, text: /予約番号|よやくばんごう|受付番号/ },
  { intent: 'check', weight: 0.5, lemmas: ['忘れる', 'わすれる', 'なくす', '無くす', '紛失', 'っけ'], kana: ['ワスレ'] },
  { intent: 'check', weight: 0.5, lemmas: ['わかる', '分かる', '思い出す', '思い出せる', '覚える'], whenNegated: true },

  // documents (持ち物)
  { intent: 'documents', weight: 1, lemmas: ['持ち物', '持参', '書類', 'パスポート', '印鑑', 'はんこ', 'ハンコ', '判子', '住民票', '謄本'], kana: ['モチモノ'] },
  { intent: 'documents', weight: 1, unless: /(?:マイナ|まいな)保険証|在留カード.{0,8}(?:期限|切れ|きれ|満了|更新)/, text: /本人確認|身分証|免許|保険証|住民票|じゅうみんひょう|いんかん|在留カード|特別永住者証明書|戸籍|資格確認書|障害者手帳|学生証|社員証|(必要|いる|要る|持って(いく|行く|くる|来る)|もっていく|持ってく|もってく)(もの|物)|はんこ|ハンコ|判子|印鑑|だけで(いい|良い|大丈夫|OK|足り|平気)/i },
  { intent: 'documents', weight: 0.6, lemmas: ['必要', '要る', 'いる', '用意', '準備'], unless: /必要(なく|が?な[いか])/ },
  { intent: 'documents', weight: 0.5, lemmas: ['持つ', '持ってく'] },
  { intent: 'documents', weight: 0.5, text: /(持って|もって)(いく|いか|いっ|いけ|いき|行く|行か|行っ|行け|行き|くる|くれ|来る|来て|きて|く|け)/ },
  // 「何ですか」 asks what; 「必要なんですか」 is only a copula.
  { intent: 'documents', weight: 0.4, text: /(何|なに|(?<![一-龯])なん)(を|が|か|も|と|です|いる|持)|(もの|物)(は|って|を|が)/ },
  { intent: 'documents', weight: 1, text: TOPIC_TEXT.copies, fixed: true },
  { intent: 'documents', weight: 0.6, lemmas: ['写真'] },
  { intent: 'documents', weight: 1, text: /(持って|もって)(いか|行か|こ|来)ない(と|で)|持っていく必要|持って(いった|行った)ほうが/ },

  // fees (いくら)
  { intent: 'fees', weight: 1, lemmas: ['いくら', '手数料', '料金', '費用', '無料', '有料', 'お金', '値段', 'タダ', '代金'], kana: ['テスウリョウ', 'リョウキン', 'ムリョウ', 'ユウリョウ'] },
  { intent: 'fees', weight: 1, text: /\d+円|お金|おかね/ },
  { intent: 'fees', weight: 1, text: TOPIC_TEXT.reservationFree, kana: ['キャンセルリョウ'], fixed: true },
  { intent: 'fees', weight: 0.6, lemmas: ['払う', '支払い', '支払う', '円'] },
  { intent: 'fees', weight: 0.5, lemmas: ['現金', 'クレジット', 'キャッシュレス', '電子マネー'] },
  { intent: 'fees', weight: 0.4, lemmas: ['かかる', '掛かる'] },

  // office (時間・場所・土曜・支所・混雑・駐車場)
  { intent: 'office', weight: 1, lemmas: ['場所', '営業', '開庁', '閉庁', '駐車場', '駐車', '駐輪場', '支所', '混む', '混雑', '行き方', 'アクセス', '最寄り', '何階', '開く', '閉まる', '待ち時間', '土日', '祝日'] },
  { intent: 'office', weight: 1, text: /(休み|やすみ)の?日|休館/ },
  { intent: 'office', weight: 1, lemmas: ['どこ'], unless: /どこ(を|に)(見|書|載|記載)/ },
  { intent: 'office', weight: 1, text: /何時(まで|から|に(開|あ|始|はじ|終|お|閉|し))|なんじ(まで|から)|(いつ|何時|なんじ)まで(やっ|開い|受付|受け付け)|(受付|営業|窓口|開庁)時間|やって(ます|る|い|ない|ませ)|何階|なんかい|何番窓口|\d+時まで(です|でしょう|やって|開い|受付|なん)|豊川|止々呂美|ととろみ|ししょ(?!う)|混んで|こんで|空いてる時間帯/ },
  { intent: 'office', weight: 1, text: /予約(なし|無し|しない|せず)で|予約(が|を)?(しなくても|なくても)|飛び込み|予約のない/ },
  { intent: 'office', weight: 1, text: TOPIC_TEXT.late, fixed: true },
  { intent: 'office', weight: 1, text: TOPIC_TEXT.checkIn, fixed: true },
  { intent: 'office', weight: 1, text: TOPIC_TEXT.release, fixed: true },
  { intent: 'office', weight: 1, text: TOPIC_TEXT.phoneBooking, fixed: true },
  { intent: 'office', weight: 1, text: TOPIC_TEXT.duration, fixed: true },
  { intent: 'office', weight: 1, text: TOPIC_TEXT.byMail, kana: ['ユウソウ'], fixed: true },
  { intent: 'office', weight: 1, text: new RegExp(`${DAY_OFF}日?(も|って|に|は)?(やっ|開い|開[きく]|営業|受付|予約でき|でき)|${DAY_OFF}日?も`) },
  { intent: 'office', weight: 0.5, lemmas: ['土曜', '土曜日', '日曜', '日曜日', '休日', '休み', '週末', '平日', '窓口', '本館', '住所', '駅', 'バス', '待つ', '並ぶ', '何番'] },

  // eligibility (通知書・有効期限・対象)
  { intent: 'eligibility', weight: 1, lemmas: ['通知書', '有効期限', '対象', '対象者', '期限切れ', '失効'], kana: ['ツウチショ', 'ユウコウキゲン'] },
  { intent: 'eligibility', weight: 1, text: /通知書|有効期限|期限切れ|更新(でき|可能|して(も)?(いい|良い|大丈夫)|の時期|時期|は(いつ|まだ)|(って|は|が)?(いつ|何時)(から|まで))|(通知|お知らせ|案内|手紙|封筒|はがき|ハガキ)(が|は|の)?(まだ|もう)?(届|来|き[たて])|(水色|青い|青色)の?封筒/ },
  { intent: 'eligibility', weight: 1, text: /(子供|子ども|こども|息子|娘|未成年|中学生|小学生|高校生|赤ちゃん|\d+歳)(でも|も|は)(でき|対象|予約でき|更新|申請)/ },
  { intent: 'eligibility', weight: 0.7, lemmas: ['通知', '期限'] },
  { intent: 'eligibility', weight: 1, text: /(子供|子ども|こども|息子|娘|未成年|中学生|小学生|高校生|赤ちゃん|\d+歳).{0,14}(更新|対象|申請|手続き?)(が|は|も)?(必要|いる|要る|でき)|電子証明書.{0,8}(不要|いらない|要らない|なし|無し|入って(い)?ない|載って(い)?ない|搭載)|証明書.{0,16}(付け|つけ)られ/ },
  { intent: 'eligibility', weight: 1, text: TOPIC_TEXT.faceAuth, kana: ['カオニンショウ'], fixed: true },
  { intent: 'eligibility', weight: 1, text: TOPIC_TEXT.mynaInsurance, kana: ['マイナホケン'], fixed: true },
  { intent: 'eligibility', weight: 1, text: TOPIC_TEXT.withoutCertificates, fixed: true },
  { intent: 'eligibility', weight: 1, text: TOPIC_TEXT.residencePeriod, kana: ['ザイリュウキ'], fixed: true },
  { intent: 'eligibility', weight: 1, text: TOPIC_TEXT.moving, fixed: true },
  { intent: 'eligibility', weight: 1, text: TOPIC_TEXT.otherMunicipality, fixed: true },
  { intent: 'eligibility', weight: 1, text: TOPIC_TEXT.cardReissue, fixed: true },
  { intent: 'eligibility', weight: 1, text: AGE_QUESTION },
  { intent: 'eligibility', weight: 1, text: /成年被後見人|被後見/ },
  { intent: 'eligibility', weight: 1, text: /(カード|かーど)(自体|本体)?の?(有効)?期限|電子証明書の?(有効)?期限/ },
  { intent: 'eligibility', weight: 0.8, text: /(切れ|きれ)(た|て|そう|る|ちゃ|ます)/ },
  { intent: 'eligibility', weight: 0.4, lemmas: ['更新', '届く', '年齢', '証明書'] },

  // book (予約したい / 空いてますか)
  { intent: 'book', weight: 1, lemmas: ['予約', '空く', 'あく', '空き'], kana: ['ヨヤク'], unless: /予約番号|よやくばんごう|予約内容/ },
  { intent: 'book', weight: 0.8, lemmas: ['申し込む', '申込む', '申込', '申し込み', '申込み'] },
  { intent: 'book', weight: 0.5, lemmas: ['お願い', 'お願いする', '頼む', '枠', '申請', '手続き', '手続'] },
  { intent: 'book', weight: 0.5, text: /(あい|空い)て(る|ます|ない)|(取|と)れ(ます|る|そう)|(は|って)どう(です|でしょう)|いけ(る|ます|そう)|(取|と)りたい|希望|おねがい|よろしく|いっぱい|満席|埋ま|\d+(人|名|枠)|(行き|いき|伺い|うかがい|来)たい|(に|で)(し|する|します|したい)[。.!！]*$|で(いい|良い|大丈夫|結構)|一番早い|いちばん早い|最短|早い日|直近/ },

  // help (使い方・もう一度)
  { intent: 'help', weight: 1, lemmas: ['使い方', 'もう一度', '繰り返す', 'ヘルプ', 'ゆっくり'], kana: ['ツカイカタ'] },
  { intent: 'help', weight: 1, text: /もう(一|1|いち)(度|回|ど|かい)|(何|なん)て(言|い)(いま|った|うた)|どうやって(使|つか)|(何|なに)を(入力(すれ|し(たら)?)|言え|いえ|話せ|押せ|書け)ば?|どう(すれば|したら|やれば)(いい|良い)|何が(でき|出来)|何ができ|意味が/ },
  { intent: 'help', weight: 1, lemmas: ['わかる', '分かる', '聞こえる', '聞き取れる', '聞きとれる'], whenNegated: true },
  { intent: 'help', weight: 1, lemmas: ['説明'] },
  { intent: 'help', weight: 0.6, lemmas: ['意味', '操作'] },

  // yes / no (short answers only; see intents.ts)
  { intent: 'yes', weight: 1, lemmas: ['はい', 'ええ', 'うん', 'そう', '大丈夫', 'OK', 'ok', 'Ok', 'オッケー', 'オーケー', 'おっけー', 'それで', 'いい', '良い', 'よい', '了解', 'わかる', '分かる', 'かしこまる', '合う', '正しい', 'お願い', 'よろしく', '平気', 'もちろん', '承知', 'おけ', 'おk', 'りょ'] },
  { intent: 'yes', weight: 1, text: /👍|👌|🙆|^(おけ|おk|ok)|間違い(ない|ありません|なし|ございません)|ぜひ|是非/i, fixed: true },
  { intent: 'yes', weight: 1, lemmas: ['構う'], whenNegated: true },
  { intent: 'yes', weight: 1, text: /問題(ない|ありません|なし)|その通り|(で|が)(結構|けっこう)/, fixed: true },
  { intent: 'no', weight: 1, lemmas: ['いいえ', 'いえ', 'いや', 'ううん', '違う', 'ちがう', '結構', 'だめ', 'ダメ', '駄目', '無理', '不要', 'ノー', 'NO', 'No', '困る', '遠慮'], fixed: true, unless: /(で|が)(結構|けっこう)/ },
  { intent: 'no', weight: 1, text: /ちょっと[。.!！?？…ー〜]*$|けっこうです|(それ|そこ|そっち|これ|その日|その時間)(じゃ|では)(ない|なく|あり)/, fixed: true },
  { intent: 'no', weight: 1, lemmas: ['要る', 'いる'], whenNegated: true },
];
