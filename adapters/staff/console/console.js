// The staff console: vanilla JS, no build step. Data only ever goes into the page as text
// (textContent), never parsed as markup; every change carries the session's CSRF token.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const ZONE = 'Asia/Tokyo';
  const CHANNEL = { web: 'Web', internet: 'Web', line: 'LINE', phone: '電話' };
  const RESERVATION_STATUS = { booked: '予約中', 'checked-in': '来庁済', 'no-show': '無断キャンセル', cancelled: '取消' };
  const MODE = { reply: 'チャットで返信', transfer: '電話を転送', callback: '折り返し電話のご依頼' };
  const SPEAKER = { citizen: 'お客様', bot: '自動応答', staff: '職員' };
  const ALERT_CHANNEL = { web: 'ウェブ', internet: 'ウェブ', line: 'LINE', phone: '電話' };
  /** A reservation's reminder the business day before (issue 15), and why one is off or failed. */
  const REMINDER_STATUS = { pending: '送信予定', sent: '送信済', failed: '送信失敗', off: 'なし' };
  const REMINDER_REASON = {
    'opted-out': 'ご本人が停止',
    'booked-late': '送信時刻後の予約・変更',
    landline: '携帯電話番号なし',
    disabled: '設定で停止中',
    'not-booked': '予約中でない',
    undeliverable: '宛先に届かず',
    unavailable: '送信手段なし',
    'gave-up': '再送も失敗',
    expired: '時間帯の開始までに送れず',
  };
  function reminderText(reminder) {
    if (!reminder) return '—';
    const status = REMINDER_STATUS[reminder.status] || reminder.status;
    const reason = reminder.reason ? REMINDER_REASON[reminder.reason] || reminder.reason : '';
    return reason ? `${status}（${reason}）` : status;
  }

  /** What an alert's subject is: a reservation number, or the client (masked) that hit a limit. */
  const ALERT_SUBJECT = { 'lookup-locked': '予約番号', 'booking-limit': '利用者' };

  const hooks = { signedOut: [], dayChanged: [], refresh: [], events: [] }; // for booking.js and proxy-requests.js, see the end of this file

  const state = {
    user: null,
    csrf: null,
    events: null,
    handoffs: [],
    knownOpen: null, // ids of open handoffs already seen; null until the first list arrives
    selected: null,
    day: null, // { date, reservations } last shown in the schedule
    checkInFor: null, // reservation number whose birthday form is open
    alerts: [],
    knownAlerts: null, // ids of unacknowledged alerts already seen; null until the first list arrives
    newAlerts: new Set(), // ids that arrived while this console was open, marked 新着 until acknowledged
  };

  // ---- small helpers ----------------------------------------------------------------

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function partsOf(date, options) {
    const out = {};
    for (const p of new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hourCycle: 'h23', ...options }).formatToParts(date)) out[p.type] = p.value;
    return out;
  }

  function todayInTokyo() {
    const p = partsOf(new Date(), { year: 'numeric', month: '2-digit', day: '2-digit' });
    return `${p.year}-${p.month}-${p.day}`;
  }

  /** HH:MM in Tokyo time, with M/D in front when it is not today. */
  function clockTime(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    const p = partsOf(d, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const time = `${p.hour}:${p.minute}`;
    return `${p.year}-${p.month}-${p.day}` === todayInTokyo() ? time : `${Number(p.month)}/${Number(p.day)} ${time}`;
  }

  /** 12月1日（火） 10:05 in Tokyo time: an alert may be from yesterday. */
  function alertTime(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    const p = partsOf(d, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const day = dateLabel(`${p.year}-${p.month}-${p.day}`).replace(/^\d+年/, '');
    return `${day} ${p.hour}:${p.minute}`;
  }

  function dateLabel(ymd) {
    const [y, m, d] = ymd.split('-').map(Number);
    const weekday = '日月火水木金土'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    return `${y}年${m}月${d}日（${weekday}）`;
  }

  function showAlert(message) {
    $('alert').textContent = message || '';
  }

  function announce(message) {
    const region = $('announce');
    region.textContent = '';
    // A fresh text node after a tick makes screen readers repeat an identical message.
    setTimeout(() => { region.textContent = message; }, 50);
  }

  function debounce(fn, ms) {
    let timer;
    return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // ---- API ----------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }

  /** `options.headers` adds request headers (e.g. an idempotency-key) to a change. */
  async function api(method, path, body, options) {
    const { headers, retried } = options || {};
    const init = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...headers } };
    if (method !== 'GET') {
      init.headers['content-type'] = 'application/json';
      if (state.csrf) init.headers['x-csrf-token'] = state.csrf;
      init.body = JSON.stringify(body || {});
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch {
      throw new ApiError(0, 'network', 'サーバーに接続できませんでした。ネットワークの状態をご確認ください。');
    }
    let data = null;
    try { data = await res.json(); } catch { /* an empty or non-JSON body */ }
    if (res.ok) return data;
    const error = (data && data.error) || {};
    if (res.status === 401 && state.user && path !== '/api/staff/login') {
      signedOut('ログインの有効期限が切れました。もう一度ログインしてください。');
    } else if (res.status === 403 && error.code === 'csrf' && !retried) {
      // The token changed under us (signed in again in another tab): fetch it and retry once.
      const session = await api('GET', '/api/staff/session');
      state.csrf = session.csrfToken;
      return api(method, path, body, { headers, retried: true });
    }
    throw new ApiError(res.status, error.code || 'http', error.message || `処理できませんでした（${res.status}）。`);
  }

  /** Runs a user action; its error message goes to the alert region. */
  async function act(fn) {
    showAlert('');
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) showAlert(err instanceof Error ? err.message : String(err));
    }
  }

  // ---- sign-in ------------------------------------------------------------------------

  function signedIn(session) {
    state.user = session.user;
    state.csrf = session.csrfToken;
    $('login-view').hidden = true;
    $('app-view').hidden = false;
    $('who').textContent = `${session.user} さん`;
    $('who').hidden = false;
    $('logout').hidden = false;
    if (!$('date').value) $('date').value = todayInTokyo();
    connectEvents();
    refreshAll();
  }

  function signedOut(message) {
    if (state.events) state.events.close();
    Object.assign(state, { user: null, csrf: null, events: null, handoffs: [], knownOpen: null, selected: null, day: null, checkInFor: null, alerts: [], knownAlerts: null, newAlerts: new Set() });
    $('app-view').hidden = true;
    $('login-view').hidden = false;
    for (const id of ['who', 'logout', 'conn']) $(id).hidden = true;
    $('handoff-detail').hidden = true;
    renderAlerts();
    $('alerts-banner').replaceChildren();
    $('login-error').textContent = message || '';
    $('login-password').value = '';
    showAlert('');
    document.title = '職員用画面 | 電子証明書の予約 | 箕面市';
    for (const fn of hooks.signedOut) fn();
    $('login-user').focus();
  }

  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const user = $('login-user').value.trim();
    const password = $('login-password').value;
    if (!user || !password) {
      $('login-error').textContent = 'ユーザー名とパスワードを入力してください。';
      return;
    }
    $('login-error').textContent = '';
    api('POST', '/api/staff/login', { user, password })
      .then((session) => {
        $('login-password').value = '';
        signedIn(session);
        $('alerts-title').focus();
      })
      .catch((err) => { $('login-error').textContent = err.message; });
  });

  $('logout').addEventListener('click', () => act(async () => {
    await api('POST', '/api/staff/logout');
    signedOut('ログアウトしました。');
  }));

  // ---- live updates -------------------------------------------------------------------

  function setConnection(text) {
    $('conn').textContent = text;
    $('conn').hidden = false;
  }

  const refreshHandoffsSoon = debounce(() => loadHandoffs().catch(() => {}), 200);
  const refreshScheduleSoon = debounce(() => loadSchedule().catch(() => {}), 200);
  const refreshAlertsSoon = debounce(() => loadAlerts().catch(() => {}), 200);

  function connectEvents(catchUp) {
    if (state.events) state.events.close();
    const source = new EventSource('/api/staff/events');
    state.events = source;
    setConnection(catchUp ? '再接続中' : '接続中');
    let lostOnce = Boolean(catchUp);
    source.addEventListener('open', () => {
      setConnection('接続中');
      // Events sent while we were away are lost: catch up once the stream is back.
      if (lostOnce) refreshAll();
      lostOnce = false;
    });
    source.addEventListener('error', () => {
      if (state.events !== source) return;
      lostOnce = true;
      setConnection('再接続中');
      // The browser retries by itself unless the server refused (e.g. 401): then check why.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(() => {
          if (state.events !== source) return;
          // A 401 signs out (state.events becomes null); anything else: try the stream again.
          api('GET', '/api/staff/session').catch(() => {}).then(() => {
            if (state.events === source) connectEvents(true);
          });
        }, 5000);
      }
    });
    source.addEventListener('handoff', refreshHandoffsSoon);
    source.addEventListener('alert', refreshAlertsSoon);
    const onDay = (event) => {
      let date = null;
      try { date = JSON.parse(event.data).date; } catch { /* refresh anyway */ }
      if (!date || date === $('date').value) refreshScheduleSoon();
      for (const fn of hooks.dayChanged) fn(date);
    };
    source.addEventListener('reservations', onDay);
    source.addEventListener('windows', onDay);
    for (const [type, fn] of hooks.events) source.addEventListener(type, fn);
  }

  function refreshAll() {
    act(() => Promise.all([loadAlerts(), loadHandoffs(), loadSchedule(), ...hooks.refresh.map((fn) => fn())]));
  }

  // ---- security alerts ----------------------------------------------------------------

  async function loadAlerts() {
    const { alerts } = await api('GET', '/api/staff/alerts');
    if (!state.user) return; // signed out while we waited
    const open = alerts.filter((a) => !a.acknowledgedAt);
    const first = state.knownAlerts === null;
    const fresh = first ? [] : open.filter((a) => !state.knownAlerts.has(a.id));
    state.knownAlerts = new Set([...(state.knownAlerts || []), ...open.map((a) => a.id)]);
    for (const a of fresh) state.newAlerts.add(a.id);
    state.alerts = alerts;
    renderAlerts();
    if (fresh.length) showAlertsBanner(fresh[0], fresh.length);
    // At sign-in focus is on this section's heading, read before the count arrived.
    if (first && open.length) announce(`未確認のセキュリティのお知らせが${open.length}件あります`);
    if (!open.length) $('alerts-banner').replaceChildren();
  }

  /** New alerts while the console is open: a banner that stays in view and is read out at once. */
  function showAlertsBanner(newest, count) {
    const banner = $('alerts-banner');
    banner.replaceChildren();
    // Filled after a tick, as announce() does, so a second alert is read out too.
    setTimeout(() => {
      if (!state.user) return;
      const about = `${newest.label}（${ALERT_CHANNEL[newest.channel] || newest.channel}・${ALERT_SUBJECT[newest.kind] || ''} ${newest.subject}）`;
      banner.replaceChildren(
        el('span', { text: count > 1 ? `新しいセキュリティのお知らせが${count}件あります。最新: ${about}` : `新しいセキュリティのお知らせ: ${about}` }),
        ' ',
        el('a', { href: '#alerts-title', text: 'お知らせを見る', onclick: (event) => {
          event.preventDefault();
          $('alerts-title').scrollIntoView({ block: 'start' });
          $('alerts-title').focus();
        } }),
      );
    }, 50);
  }

  function renderAlerts() {
    const open = state.alerts.filter((a) => !a.acknowledgedAt);
    const done = state.alerts.filter((a) => a.acknowledgedAt);
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.alertAction : undefined;
    $('alerts-count').textContent = open.length ? `（未確認 ${open.length}件）` : '';
    $('alerts-panel').classList.toggle('has-open', open.length > 0);
    $('alerts-empty').hidden = open.length > 0 || state.knownAlerts === null; // not before the first list
    $('alerts-empty').textContent = done.length ? '未確認のお知らせはありません。' : 'お知らせはありません。';
    $('alerts-open').replaceChildren(...open.map(alertItem));
    $('alerts-done').replaceChildren(...done.map(alertItem));
    $('alerts-done-box').hidden = done.length === 0;
    if (focused) {
      const again = document.querySelector(`[data-alert-action="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  }

  function alertItem(a) {
    const channel = ALERT_CHANNEL[a.channel] || a.channel;
    const subject = `${ALERT_SUBJECT[a.kind] || '対象'} ${a.subject}`;
    const facts = [
      ['経路', channel],
      [ALERT_SUBJECT[a.kind] || '対象', a.subject],
      ['発生日時', el('time', { datetime: a.createdAt, text: alertTime(a.createdAt) })],
    ];
    if (a.kind === 'lookup-locked' && a.locked !== undefined) {
      facts.push(['照会', a.locked ? '自動応答では停止中（窓口・電話では対応できます）' : '停止は解除されています']);
    }
    if (a.acknowledgedAt) facts.push(['確認', `${a.acknowledgedBy || '職員'}・${alertTime(a.acknowledgedAt)}`]);

    const buttons = [];
    if (!a.acknowledgedAt) {
      buttons.push(el('button', {
        type: 'button', class: 'primary', text: '確認済みにする',
        'aria-label': `確認済みにする（${subject}）`, 'data-alert-action': `${a.id}:ack`,
        onclick: () => acknowledgeAlert(a),
      }));
    }
    if (a.kind === 'lookup-locked' && a.locked) {
      buttons.push(el('button', {
        type: 'button', text: '照会の停止を解除',
        'aria-label': `照会の停止を解除（${subject}）`, 'data-alert-action': `${a.id}:unlock`,
        onclick: () => unlockLookups(a),
      }));
    }
    if (a.kind === 'lookup-locked' && /^\d{8}$/.test(a.subject)) {
      buttons.push(el('button', {
        type: 'button', text: 'この予約を開く',
        'aria-label': `この予約を開く（${subject}）`, 'data-alert-action': `${a.id}:open`,
        onclick: () => {
          $('find-number').value = a.subject;
          $('find-form').requestSubmit();
        },
      }));
    }

    const isNew = !a.acknowledgedAt && state.newAlerts.has(a.id);
    return el('li', { class: `sec-alert kind-${a.kind}${a.acknowledgedAt ? ' acknowledged' : ''}` }, [
      el('p', { class: 'sec-alert-title' }, [
        isNew ? el('span', { class: 'tag new', text: '新着' }) : null,
        el('span', { text: a.label }),
      ]),
      el('dl', { class: 'facts' }, facts.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', {}, [value])])),
      buttons.length ? el('p', { class: 'buttons' }, buttons) : null,
    ]);
  }

  /** After an alert leaves the unacknowledged list, focus the next one (or the heading). */
  function focusAfterAlert(id) {
    const next = document.querySelector('#alerts-open [data-alert-action$=":ack"]')
      || document.querySelector(`[data-alert-action="${CSS.escape(id)}:unlock"]`);
    (next || $('alerts-title')).focus();
  }

  function acknowledgeAlert(a) {
    act(async () => {
      await api('POST', `/api/staff/alerts/${encodeURIComponent(a.id)}/acknowledge`);
      state.newAlerts.delete(a.id);
      await loadAlerts();
      announce(`お知らせ（${ALERT_SUBJECT[a.kind] || ''} ${a.subject}）を確認済みにしました`);
      focusAfterAlert(a.id);
    });
  }

  function unlockLookups(a) {
    const ok = confirm(
      `予約番号 ${a.subject} の自動応答での照会の停止を解除します。\n\n`
      + '電話でご本人であること（誕生日と予約の内容）を確認できた場合にだけ解除してください。\n'
      + '解除すると、チャット・LINE・自動音声でこの予約番号を再び照会・変更・取消できるようになります。よろしいですか。',
    );
    if (!ok) return;
    act(async () => {
      await api('POST', `/api/staff/lookup-locks/${encodeURIComponent(a.subject)}/unlock`);
      await loadAlerts();
      announce(`予約番号 ${a.subject} の照会の停止を解除しました`);
      const ack = document.querySelector(`[data-alert-action="${CSS.escape(a.id)}:ack"]`);
      (ack || $('alerts-title')).focus();
    });
  }

  // ---- handoffs -----------------------------------------------------------------------

  function statusText(h) {
    if (h.status === 'resolved') return '完了';
    if (h.status === 'claimed') return `対応中（${h.claimedBy || '職員'}）`;
    return '未対応';
  }

  function sortHandoffs(list) {
    const done = (h) => (h.status === 'resolved' ? 1 : 0);
    // Waiting ones oldest first (first come, first served); finished ones newest first.
    return [...list].sort((a, b) => done(a) - done(b)
      || (done(a) ? b.createdAt.localeCompare(a.createdAt) : a.createdAt.localeCompare(b.createdAt)));
  }

  async function loadHandoffs() {
    const { handoffs } = await api('GET', '/api/staff/handoffs');
    const open = handoffs.filter((h) => h.status === 'open').map((h) => h.id);
    if (state.knownOpen && open.some((id) => !state.knownOpen.has(id))) announce('新しい引き継ぎがあります');
    state.knownOpen = new Set([...(state.knownOpen || []), ...open]);
    state.handoffs = sortHandoffs(handoffs);
    document.title = `${open.length ? `(${open.length}) ` : ''}職員用画面 | 電子証明書の予約 | 箕面市`;
    renderHandoffList();
    const id = state.selected;
    if (id) {
      const { handoff } = await api('GET', `/api/staff/handoffs/${encodeURIComponent(id)}`);
      if (state.selected === id) renderDetail(handoff);
    }
  }

  function renderHandoffList() {
    const list = $('handoff-list');
    const focusedId = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.handoff : undefined;
    list.replaceChildren(...state.handoffs.map((h) => {
      const button = el('button', {
        type: 'button',
        class: `handoff status-${h.status}`,
        'data-handoff': h.id,
        'aria-current': h.id === state.selected ? 'true' : 'false',
        onclick: () => selectHandoff(h.id),
      }, [
        el('span', { class: 'channel', text: CHANNEL[h.channel] || h.channel }),
        el('span', { class: 'time', text: clockTime(h.createdAt) }),
        el('span', { class: 'reason', text: h.reasonText || h.reason }),
        el('span', { class: 'state', text: statusText(h) + (h.mode === 'callback' && h.status !== 'resolved' ? '・折り返し希望' : '') }),
      ]);
      return el('li', {}, [button]);
    }));
    $('handoff-empty').hidden = state.handoffs.length > 0;
    if (focusedId) {
      const again = list.querySelector(`[data-handoff="${CSS.escape(focusedId)}"]`);
      if (again) again.focus();
    }
  }

  function selectHandoff(id) {
    act(async () => {
      const { handoff } = await api('GET', `/api/staff/handoffs/${encodeURIComponent(id)}`);
      state.selected = id;
      renderHandoffList();
      renderDetail(handoff);
      $('detail-title').focus();
    });
  }

  function renderDetail(h) {
    const phone = h.channel === 'phone';
    $('handoff-detail').hidden = false;
    $('detail-title').textContent = `${CHANNEL[h.channel] || h.channel}・${clockTime(h.createdAt)}・${h.reasonText || h.reason}`;
    // Whether the citizen has been told no one can answer now (the wait, or the desk closed).
    const told = h.waitToldAt ? ` / ${clockTime(h.waitToldAt)} に「すぐにはお返事できない」とお客様へ案内済み` : '';
    $('detail-meta').textContent = `状態: ${statusText(h)} / ${MODE[h.mode] || h.mode}${told}`;
    $('detail-callback').hidden = !h.callbackPhone;
    $('detail-callback').textContent = h.callbackPhone ? `折り返し先の電話番号: ${h.callbackPhone}` : '';

    $('transcript').replaceChildren(...(h.transcript || []).map((line) => {
      const who = line.from === 'staff' && line.name ? `${SPEAKER.staff}（${line.name}）` : SPEAKER[line.from] || line.from;
      return el('li', { class: `line from-${line.from}` }, [
        el('span', { class: 'who', text: who }),
        el('time', { class: 'at', datetime: line.at, text: clockTime(line.at) }),
        el('p', { class: 'text', text: line.text }),
      ]);
    }));
    // Scroll the transcript box, not the page: an update must not move what staff are reading.
    $('transcript').scrollTop = $('transcript').scrollHeight;

    const resolved = h.status === 'resolved';
    const takenByOther = h.status === 'claimed' && h.claimedBy !== state.user;
    $('reply-label').textContent = phone ? '折り返しメモ' : '返信';
    $('reply-send').textContent = phone ? '記録する' : '送信';
    $('reply-hint').textContent = `Ctrl+Enter でも${phone ? '記録' : '送信'}できます（1000文字まで）。`;
    $('reply-text').disabled = resolved;
    $('reply-send').disabled = resolved;
    $('claim').disabled = resolved || h.status === 'claimed';
    $('claim').textContent = takenByOther ? `${h.claimedBy} さんが対応中` : h.status === 'claimed' ? '担当しています' : '担当する';
    $('resolve').disabled = resolved;
  }

  function handoffAction(path, body, after) {
    const id = state.selected;
    if (!id) return;
    act(async () => {
      const { handoff } = await api('POST', `/api/staff/handoffs/${encodeURIComponent(id)}/${path}`, body);
      if (after) after();
      if (state.selected === id) renderDetail(handoff);
      await loadHandoffs();
    });
  }

  $('reply-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('reply-text').value.trim();
    if (!text) return showAlert('返信する内容を入力してください。');
    handoffAction('reply', { text }, () => { $('reply-text').value = ''; });
  });
  $('reply-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      $('reply-form').requestSubmit();
    }
  });
  $('claim').addEventListener('click', () => handoffAction('claim'));
  $('resolve').addEventListener('click', () => handoffAction('resolve'));

  // ---- the day's schedule and windows ---------------------------------------------------

  async function loadSchedule() {
    const date = $('date').value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    const [reservations, windows] = await Promise.all([
      api('GET', `/api/staff/reservations?date=${date}`),
      api('GET', `/api/staff/windows?date=${date}`),
    ]);
    if (date !== $('date').value) return; // the date changed while we waited
    state.day = { date, reservations: reservations.reservations };
    renderSchedule();
    renderWindows(date, windows);
  }

  /** Redraws the schedule; a birthday being typed survives a live update. */
  function renderSchedule() {
    if (!state.day) return;
    const { date, reservations } = state.day;
    const table = $('schedule');
    const open = document.querySelector('.checkin input');
    const typed = open ? open.value : undefined;
    const hadFocus = Boolean(open) && document.activeElement === open;
    for (const body of table.querySelectorAll('tbody')) body.remove();
    $('schedule-caption').textContent = `${dateLabel(date)}の予約（${reservations.length}件）`;
    table.hidden = reservations.length === 0;
    $('schedule-empty').hidden = reservations.length > 0;

    const byWindow = new Map();
    for (const r of [...reservations].sort((a, b) => a.start.localeCompare(b.start) || a.number.localeCompare(b.number))) {
      const key = `${r.start}〜${r.end}`;
      if (!byWindow.has(key)) byWindow.set(key, []);
      byWindow.get(key).push(r);
    }
    for (const [slot, rows] of byWindow) {
      const body = el('tbody');
      rows.forEach((r, i) => {
        const tr = el('tr', { class: `status-${r.status}` });
        if (i === 0) tr.append(el('th', { scope: 'rowgroup', rowspan: rows.length, text: slot }));
        tr.append(
          el('td', { class: 'number', text: r.number }),
          el('td', { text: RESERVATION_STATUS[r.status] || r.status }),
          el('td', { text: CHANNEL[r.channel] || r.channel }),
          el('td', { class: 'phone', text: r.phone }),
          el('td', { class: `reminder reminder-${r.reminder ? r.reminder.status : 'none'}`, text: reminderText(r.reminder) }),
          el('td', {}, [el('div', { class: 'actions' }, reservationActions(r, typed))]),
        );
        body.append(tr);
      });
      table.append(body);
    }
    const input = document.querySelector('.checkin input');
    if (input && hadFocus) input.focus();
  }

  function reservationActions(r, typed) {
    if (r.status !== 'booked') return [el('span', { class: 'muted', text: '—' })];
    if (state.checkInFor === r.number) return [checkInForm(r, typed)];
    return [
      el('button', { type: 'button', text: '来庁受付', 'aria-label': `${r.number} 来庁受付`, 'data-checkin': r.number, onclick: () => openCheckIn(r.number) }),
      el('button', { type: 'button', text: '無断キャンセル', 'aria-label': `${r.number} 無断キャンセル`, onclick: () => {
        if (confirm(`予約番号 ${r.number}（${r.start}〜）を無断キャンセルにします。よろしいですか。`)) reservationAction(r.number, 'no-show');
      } }),
      el('button', { type: 'button', text: '取消', 'aria-label': `${r.number} 取消`, onclick: () => {
        if (confirm(`予約番号 ${r.number}（${r.start}〜）を取り消します。よろしいですか。`)) reservationAction(r.number, 'cancel');
      } }),
    ];
  }

  function openCheckIn(number) {
    state.checkInFor = number;
    renderSchedule();
    const input = document.querySelector('.checkin input');
    if (input) input.focus();
  }

  function closeCheckIn() {
    const number = state.checkInFor;
    state.checkInFor = null;
    renderSchedule();
    const button = document.querySelector(`[data-checkin="${CSS.escape(number || '')}"]`);
    if (button) button.focus();
  }

  /** 4月5日, 0405, ４／５ → 04-05; anything else is left for the server to refuse. */
  function birthdayOf(input) {
    const s = input.normalize('NFKC').trim();
    const m = /^(\d{1,2})\s*[-/月.]\s*(\d{1,2})日?$/.exec(s) || /^(\d{2})(\d{2})$/.exec(s);
    return m ? `${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}` : null;
  }

  function checkInForm(r, typed) {
    const id = `birthday-${r.number}`;
    const input = el('input', { id, type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: '例: 04-05', size: 7, required: '' });
    if (typed) input.value = typed;
    const form = el('form', { class: 'checkin', onsubmit: (event) => {
      event.preventDefault();
      const birthday = birthdayOf(input.value);
      if (!birthday) return showAlert('誕生日を「月-日」の形（例: 04-05）で入力してください。');
      reservationAction(r.number, 'check-in', { birthday }, () => { state.checkInFor = null; });
    } }, [
      el('label', { for: id, text: '誕生日（月-日）' }),
      input,
      el('button', { type: 'submit', class: 'primary', text: '受付する' }),
      el('button', { type: 'button', text: 'やめる', onclick: closeCheckIn }),
    ]);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') closeCheckIn();
    });
    return form;
  }

  function reservationAction(number, name, body, after) {
    act(async () => {
      const { reservation } = await api('POST', `/api/staff/reservations/${encodeURIComponent(number)}/${name}`, body);
      if (after) after(reservation);
      announce(`予約番号 ${reservation.number} を「${RESERVATION_STATUS[reservation.status] || reservation.status}」にしました`);
      await loadSchedule();
    });
  }

  function renderWindows(date, data) {
    $('capacity-caption').textContent = data.open
      ? `${dateLabel(date)}の枠`
      : `${dateLabel(date)}は予約を受け付けていない日です。`;
    const rows = data.windows || [];
    $('windows').hidden = rows.length === 0;
    $('windows-body').replaceChildren(...rows.map((w) => {
      const slot = `${w.start}〜${w.end}`;
      const inputId = `capacity-${w.start.replace(':', '')}`;
      const capacityInput = el('input', { id: inputId, type: 'number', min: 0, step: 1, value: w.capacity, class: 'capacity' });
      const full = w.booked >= w.capacity;
      return el('tr', { class: w.blocked ? 'blocked' : full ? 'full' : '' }, [
        el('th', { scope: 'row', text: slot }),
        el('td', {}, [
          el('span', { class: 'count', text: `${w.booked}/${w.capacity}` }),
          el('meter', { min: 0, max: Math.max(w.capacity, 1), value: w.booked, 'aria-hidden': 'true' }),
          full ? el('span', { class: 'tag', text: '満員' }) : null,
        ]),
        el('td', {}, [
          el('span', { class: 'tag', text: w.blocked ? '受付停止中' : '受付中' }),
          el('button', {
            type: 'button',
            text: w.blocked ? '再開' : '受付停止',
            'aria-label': `${slot} を${w.blocked ? '再開' : '受付停止'}`,
            onclick: () => windowAction(date, w.start, w.blocked ? 'unblock' : 'block'),
          }),
        ]),
        el('td', {}, [
          el('form', { class: 'capacity-form', onsubmit: (event) => {
            event.preventDefault();
            const capacity = Number(capacityInput.value);
            if (!Number.isInteger(capacity) || capacity < 0) return showAlert('定員は0以上の整数で入力してください。');
            windowAction(date, w.start, 'capacity', { capacity });
          } }, [
            el('label', { for: inputId, class: 'visually-hidden', text: `${slot} の定員` }),
            capacityInput,
            el('button', { type: 'submit', text: '変更', 'aria-label': `${slot} の定員を変更` }),
            w.capacityOverride === null || w.capacityOverride === undefined ? null : el('button', {
              type: 'button',
              text: '標準に戻す',
              'aria-label': `${slot} の定員を標準に戻す`,
              onclick: () => windowAction(date, w.start, 'capacity', { capacity: null }),
            }),
          ]),
        ]),
      ]);
    }));
  }

  function windowAction(date, start, name, body) {
    act(async () => {
      await api('POST', `/api/staff/windows/${encodeURIComponent(date)}/${encodeURIComponent(start)}/${name}`, body);
      announce(`${start} の枠を更新しました`);
      await loadSchedule();
    });
  }

  $('date-form').addEventListener('submit', (event) => event.preventDefault());
  $('date').addEventListener('change', () => { state.checkInFor = null; act(loadSchedule); });
  $('today').addEventListener('click', () => {
    $('date').value = todayInTokyo();
    state.checkInFor = null;
    act(loadSchedule);
  });

  // ---- shared with booking.js (the phone booking section, loaded after this file) ------------

  window.staffConsole = Object.freeze({
    $, el, api, act, announce, showAlert, debounce, birthdayOf, todayInTokyo, reservationAction,
    CHANNEL, RESERVATION_STATUS,
    /** fn() runs when staff sign out: caller data must not stay on screen. */
    onSignedOut: (fn) => { hooks.signedOut.push(fn); },
    /** fn(date | null) runs when the server says a day's reservations or windows changed. */
    onDayChanged: (fn) => { hooks.dayChanged.push(fn); },
    /** fn() runs at sign-in and after the live stream comes back (events were missed): it reloads its section. */
    onRefresh: (fn) => { hooks.refresh.push(fn); },
    /** fn(event) runs for each live event of `type` (Server-Sent Events). */
    onEvent: (type, fn) => { hooks.events.push([type, fn]); },
  });

  // ---- start ----------------------------------------------------------------------------

  api('GET', '/api/staff/session')
    .then(signedIn)
    .catch((err) => {
      signedOut('');
      if (!(err instanceof ApiError && err.status === 401)) showAlert(err.message);
    });
})();
