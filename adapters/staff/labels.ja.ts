// What the staff console calls each handoff reason (the bot's codes, in the office's words).
const REASONS: Record<string, string> = {
  requested: '職員との会話を希望',
  'not-understood': '自動案内で聞き取れず',
  'eligibility-unclear': '対象かどうか判断できず',
  'eligibility-needs-staff': '対象の確認に職員が必要',
  'reservation-not-found': '予約が見つからない',
  'invalid-details': '入力内容の確認が必要',
  full: '希望の時間帯が満員',
  'no-such-window': '希望の時間帯がない',
};

export function reasonText(reason: string): string {
  return REASONS[reason] ?? 'その他';
}

/** Why the desk refused a booking or a move, as a clerk reads it in the console. */
export function refusalText(r: { reason: string } & Record<string, unknown>): string {
  switch (r.reason) {
    case 'full':
      return 'その時間帯は満員です。';
    case 'blocked':
      return 'その時間帯は受付停止中です。';
    case 'no-such-window':
      return 'その時間帯の枠はありません(9:00〜16:30開始の30分枠)。';
    case 'closed':
      return '閉庁日のため予約できません。';
    case 'started':
      return 'その時間帯はすでに始まっています。';
    case 'not-released':
      return 'その日はまだ予約の受付が始まっていません(毎週金曜9時に4週間先まで公開)。';
    case 'before-service-start':
    case 'not-accepting-yet':
      return '予約の受付期間の前です。';
    case 'already-booked':
      return '同じ電話番号と誕生日のかたは、すでに予約があります(おひとり1枠まで)。';
    case 'invalid-holder':
      return r.field === 'birthday' ? '誕生日を「MM-DD」の形で入力してください。' : r.field === 'phone' ? '電話番号を確認してください。' : 'メールアドレスを確認してください。';
    case 'not-found':
      return '予約が見つかりません。';
    case 'not-active':
      return 'この予約は変更できない状態です(取消・来庁済・無断キャンセル)。';
    default:
      return '予約できませんでした。';
  }
}
