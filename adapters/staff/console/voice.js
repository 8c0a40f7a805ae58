// The phone line's simulator: vanilla JS, no build step. Each turn is posted to the server, which
// signs it as Twilio would and answers with the voice webhook's TwiML; the TwiML goes into the
// page as text only (textContent), read with DOMParser, never inserted as markup.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const VOICE_PATH = '/api/twilio/voice';
  const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
  const DIAL_STATUS = { completed: '職員が応答して通話終了', 'no-answer': '応答なし', busy: '話し中', failed: 'つながらない' };

  const state = { csrf: null, callSid: null, from: '', turn: 0, gather: null, dial: null, redirect: null, busy: false };

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

  function showError(message) {
    $('alert').textContent = message || '';
  }

  async function api(method, url, body) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (state.csrf && method !== 'GET') headers['x-csrf-token'] = state.csrf;
    const res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    return { status: res.status, data };
  }

  function signedIn(user, csrf) {
    state.csrf = csrf;
    $('who').textContent = `${user} さん`;
    $('who').hidden = false;
    $('login-view').hidden = true;
    $('app-view').hidden = false;
    $('caller').focus();
  }

  async function start() {
    const r = await api('GET', '/api/staff/session');
    if (r.status === 200) return signedIn(r.data.user, r.data.csrfToken);
    $('login-view').hidden = false;
    $('login-user').focus();
  }

  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await api('POST', '/api/staff/login', { user: $('login-user').value, password: $('login-password').value });
    if (r.status !== 200) {
      $('login-error').textContent = (r.data.error && r.data.error.message) || 'ログインできませんでした。';
      return;
    }
    $('login-error').textContent = '';
    signedIn(r.data.user, r.data.csrfToken);
  });

  // ---- what the TwiML says and does ---------------------------------------------------

  function attributes(node) {
    const dl = el('dl', { class: 'sim-attrs' });
    for (const a of Array.from(node.attributes)) dl.append(el('dt', { text: a.name }), el('dd', { text: a.value }));
    return dl;
  }

  function sayLine(node) {
    return el('p', { class: 'sim-say' }, [el('span', { class: 'sim-who', text: '自動応答: ' }), el('span', { text: node.textContent.trim() })]);
  }

  /** One verb of the response as the page shows it. */
  function verb(node) {
    switch (node.nodeName) {
      case 'Say':
        return sayLine(node);
      case 'Gather':
        return el('div', { class: 'sim-verb' }, [
          ...Array.from(node.children).map(verb),
          el('p', { class: 'sim-verb-name', text: '聞き取り（Gather）' }),
          attributes(node),
        ]);
      case 'Dial':
        return el('div', { class: 'sim-verb sim-dial' }, [
          el('p', { class: 'sim-verb-name', text: `転送（Dial）: ${node.textContent.trim()}` }),
          attributes(node),
        ]);
      case 'Hangup':
        return el('p', { class: 'sim-verb-name', text: '通話を終了（Hangup）' });
      case 'Redirect':
        return el('p', { class: 'sim-verb-name muted', text: `何も聞こえないとき: ${node.textContent.trim()}` });
      default:
        return el('p', { class: 'sim-verb-name', text: `${node.nodeName}` });
    }
  }

  function render(caller, twiml) {
    const doc = new DOMParser().parseFromString(twiml, 'text/xml');
    const response = doc.documentElement;
    const parsed = response && response.nodeName === 'Response' && !doc.getElementsByTagName('parsererror').length;
    state.turn += 1;
    const item = el('li', { class: 'sim-turn' }, [
      el('h3', { text: `ターン ${state.turn}` }),
      el('p', { class: 'sim-caller' }, [el('span', { class: 'sim-who', text: 'お客様: ' }), el('span', { text: caller })]),
      ...(parsed ? Array.from(response.children).map(verb) : [el('p', { class: 'form-error', text: 'TwiML を読めませんでした。' })]),
      el('details', {}, [el('summary', { text: 'TwiML' }), el('pre', { class: 'sim-twiml', text: twiml.replace(/></g, '>\n<') })]),
    ]);
    $('log-empty').hidden = true;
    $('log').append(item);
    item.scrollIntoView({ block: 'nearest' });

    const find = (name) => (parsed ? Array.from(response.children).find((n) => n.nodeName === name) : undefined);
    const gather = find('Gather');
    const dial = find('Dial');
    const redirect = find('Redirect');
    state.gather = gather ? { action: gather.getAttribute('action'), numDigits: Number(gather.getAttribute('numDigits')) || 0, finishOnKey: gather.getAttribute('finishOnKey') ?? '#' } : null;
    state.dial = dial ? { action: dial.getAttribute('action') } : null;
    state.redirect = redirect ? redirect.textContent.trim() : null;
    controls();
    if (!state.gather && !state.dial) {
      $('log').append(el('li', { class: 'sim-end', text: '通話は終了しました。' }));
      endCall();
    }
  }

  function controls() {
    const live = Boolean(state.callSid);
    $('turn-panel').hidden = !live;
    for (const form of [$('speak-form'), $('keys-form')]) for (const c of form.elements) c.disabled = !state.gather || state.busy;
    for (const b of $('keypad').querySelectorAll('button')) b.disabled = !state.gather || state.busy;
    $('silence').disabled = !state.redirect || state.busy;
    $('dial-outcome').hidden = !state.dial;
    for (const b of $('dial-outcome').querySelectorAll('button')) b.disabled = state.busy;
    $('hangup').disabled = !live;
    $('dial').disabled = live;
  }

  function endCall() {
    state.callSid = null;
    state.gather = null;
    state.dial = null;
    state.redirect = null;
    controls();
    $('dial').focus();
  }

  /** One turn: posted as Twilio would post it, answered with the webhook's TwiML. */
  async function turn(path, input, caller) {
    if (state.busy) return;
    state.busy = true;
    controls();
    showError('');
    try {
      const body = { path, from: state.from, ...(state.callSid ? { callSid: state.callSid } : {}), ...input };
      const r = await api('POST', '/api/staff/voice/turn', body);
      if (r.status === 401) {
        $('app-view').hidden = true;
        $('login-view').hidden = false;
        return;
      }
      if (r.status !== 200) {
        showError((r.data.error && r.data.error.message) || `エラー（${r.status}）`);
        return;
      }
      state.callSid = r.data.callSid;
      state.busy = false;
      render(caller, r.data.twiml);
    } finally {
      state.busy = false;
      controls();
    }
  }

  $('call-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    state.from = $('anonymous').checked ? '' : $('caller').value.trim();
    state.turn = 0;
    state.callSid = null;
    $('log').replaceChildren();
    await turn(VOICE_PATH, {}, $('anonymous').checked ? '電話をかける（非通知）' : `電話をかける（${state.from}）`);
    $('speech').focus();
  });

  $('hangup').addEventListener('click', () => {
    $('log').append(el('li', { class: 'sim-end', text: 'お客様が電話を切りました。' }));
    endCall();
  });

  $('speak-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const words = $('speech').value.trim();
    if (!words || !state.gather) return;
    const confidence = Number($('confidence').value);
    $('speech').value = '';
    await turn(state.gather.action, { speech: words, confidence: Number.isFinite(confidence) ? confidence : 0.9 }, `「${words}」（確からしさ ${confidence}）`);
    $('speech').focus();
  });

  async function pressKeys(keys) {
    if (!state.gather) return;
    // Twilio sends the keys without the one that ended them.
    const finish = state.gather.finishOnKey;
    const digits = finish && keys.endsWith(finish) ? keys.slice(0, -finish.length) : keys;
    $('keys').value = '';
    if (!digits) return;
    await turn(state.gather.action, { digits }, `キー ${digits}`);
  }

  $('keys-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    await pressKeys($('keys').value.replace(/\s/g, ''));
    $('keys').focus();
  });

  // The keypad behaves like a phone's: the keys go when numDigits are in, or on finishOnKey.
  for (const key of KEYS) {
    $('keypad').append(
      el('button', {
        type: 'button',
        text: key,
        'aria-label': `キー ${key}`,
        onclick: async () => {
          if (!state.gather) return;
          const buffer = $('keys').value + key;
          $('keys').value = buffer;
          if (key === state.gather.finishOnKey || (state.gather.numDigits && buffer.length >= state.gather.numDigits)) await pressKeys(buffer);
        },
      }),
    );
  }

  $('silence').addEventListener('click', async () => {
    if (state.redirect) await turn(state.redirect, {}, '（何も言わない）');
  });

  for (const b of $('dial-outcome').querySelectorAll('button')) {
    b.addEventListener('click', async () => {
      if (!state.dial) return;
      const status = b.getAttribute('data-status');
      await turn(state.dial.action, { dialStatus: status }, `（転送の結果: ${DIAL_STATUS[status]} = ${status}）`);
    });
  }

  controls();
  start();
})();
