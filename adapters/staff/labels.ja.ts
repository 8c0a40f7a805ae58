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
