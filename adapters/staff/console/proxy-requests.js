// 照会書の郵送依頼: the requests citizens left with the bot to have the proxy form mailed (R21c
// step 1). Staff call the number back to confirm identity, mail the form, and close the request;
// each step is one button, kept in the request's history with who did it. The number is shown
// in full here (staff dial it) and nowhere else. Loaded after console.js, whose helpers it uses;
// data only ever goes into the page as text.
'use strict';
(function () {
  const { $, el, api, act, announce, debounce, CHANNEL } = window.staffConsole;
  const ZONE = 'Asia/Tokyo';
  const STATUS = { new: '新規（未連絡）', 'called-back': '折り返し済（本人確認済）', mailed: '郵送済', closed: '完了' };
  const SHORT = { new: '新規', 'called-back': '折り返し済', mailed: '郵送済', closed: '完了' };
  const ACTION = { 'called-back': '折り返し済にする', mailed: '郵送済にする', closed: '完了にする' };

  let requests = [];

  /** 12/7 10:05 in Tokyo time. */
  function when(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    const p = {};
    for (const part of new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).formatToParts(d)) p[part.type] = part.value;
    return `${p.month}/${p.day} ${p.hour}:${p.minute}`;
  }

  /** 05-03 → 5月3日 */
  const birthday = (mmdd) => mmdd.split('-').map(Number).join('月') + '日';

  /** 09012345678 → 090-1234-5678, 0727246920 → 072-724-6920 */
  function phone(digits) {
    if (digits.length === 11) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
    return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  }

  // Each sign-out starts a new generation: a load still on its way then is not shown.
  let generation = 0;

  async function load() {
    const mine = generation;
    const data = await api('GET', '/api/staff/proxy-requests');
    if (mine !== generation) return;
    requests = data.requests || [];
    render();
  }

  function render() {
    const fresh = requests.filter((r) => r.status === 'new').length;
    $('proxy-count').textContent = fresh ? `未連絡 ${fresh}件` : '';
    $('proxy-empty').hidden = requests.length > 0;
    $('proxy-table').hidden = requests.length === 0;
    $('proxy-body').replaceChildren(...requests.map(row));
  }

  function row(r) {
    const history = el('details', { class: 'proxy-history' }, [
      el('summary', { text: '履歴' }),
      el('ol', {}, r.history.map((h) => el('li', { text: `${when(h.at)} ${h.from ? `${SHORT[h.from] || h.from} → ` : ''}${SHORT[h.to] || h.to}（${h.staff === 'system' ? '自動応答で受付' : h.staff}）` }))),
    ]);
    const actions = el('div', { class: 'actions' }, (r.next || []).map((to) =>
      el('button', { type: 'button', class: to === 'closed' ? '' : 'primary', text: ACTION[to] || to, 'aria-label': `${r.kanaName} さんの依頼を${ACTION[to] || to}`, onclick: () => move(r, to) }),
    ));
    return el('tr', { class: `proxy-${r.status}`, 'data-id': r.id }, [
      el('td', { class: 'number', text: when(r.createdAt) }),
      el('th', { scope: 'row', class: 'kana', text: r.kanaName }),
      el('td', { text: birthday(r.birthday) }),
      el('td', { class: 'phone', text: phone(r.phone) }),
      el('td', { text: CHANNEL[r.channel] || r.channel }),
      el('td', {}, [el('span', { class: 'proxy-status', text: STATUS[r.status] || r.status }), history]),
      el('td', {}, [actions]),
    ]);
  }

  function move(r, to) {
    act(async () => {
      await api('POST', `/api/staff/proxy-requests/${encodeURIComponent(r.id)}/status`, { status: to });
      announce(`${r.kanaName} さんの依頼を${SHORT[to] || to}にしました`);
      await load();
    });
  }

  const loadSoon = debounce(() => load().catch(() => {}), 200);
  window.staffConsole.onRefresh(load);
  window.staffConsole.onEvent('proxy-requests', loadSoon);
  // Names and numbers must not stay on screen once signed out.
  window.staffConsole.onSignedOut(() => {
    generation += 1;
    requests = [];
    render();
  });
})();
