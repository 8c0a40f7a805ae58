// The demo page's own script, served as /webchat-page.js: a file rather than an inline script,
// so the page's Content-Security-Policy can allow scripts from this origin only. Its token comes
// from the page's own route (no Direct Line secret in the browser) and names the user: Web Chat
// reads the user id from it. Files are not accepted, so there is no upload button.
//
// A reload keeps the conversation: this tab's sessionStorage holds where it is (the
// conversation's id, its current token and the watermark seen; nothing the citizen said), and the
// next load refreshes the token and shows the whole conversation again — a citizen handed to
// staff still sees staff's answers. When that cannot be (the token ran out, the conversation is
// no longer held), a new conversation starts, as on a first visit. 「新しい会話をはじめる」
// forgets it on purpose. Each load posts `webchat/join`: during a handoff the citizen is told
// that staff have the chat; otherwise the bot says nothing (the welcome comes with a new one).
(function () {
  const KEY = 'minoh-webchat';
  const DOMAIN = location.origin + '/v3/directline';
  const JOIN = 'webchat/join';
  /** A token is not offered for refresh this close to its end (the clocks of page and service differ). */
  const MARGIN_MS = 10_000;
  const element = document.getElementById('webchat');
  /** The Direct Line object of this page, while its conversation is the one to keep. */
  let directLine;

  const stored = () => {
    try {
      const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
      return s && typeof s.conversationId === 'string' && typeof s.token === 'string' ? s : undefined;
    } catch {
      return undefined; // storage refused (privacy settings) or spoilt: a new conversation
    }
  };
  const forget = () => {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // nothing was kept
    }
  };

  /** A token's lifetime as it says (iat → exp), or undefined: counted from when this page got it, not by the service's clock. */
  const lifetimeMs = (token) => {
    try {
      const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return typeof claims.exp === 'number' && typeof claims.iat === 'number' ? (claims.exp - claims.iat) * 1000 : undefined;
    } catch {
      return undefined;
    }
  };

  /** Notes where the conversation is; a new token (Web Chat refreshes it) starts its own lifetime. */
  const remember = () => {
    if (!directLine?.conversationId || !directLine.token) return;
    const before = stored();
    const sameToken = before?.token === directLine.token;
    const life = lifetimeMs(directLine.token);
    const expiresAt = sameToken ? before.expiresAt : life !== undefined ? Date.now() + life : undefined;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ conversationId: directLine.conversationId, token: directLine.token, watermark: directLine.watermark || '', expiresAt }));
    } catch {
      // not kept: a reload starts afresh
    }
  };

  /** The kept conversation with a fresh token, when it can still be shown as the citizen saw it; else undefined. */
  const resume = async (kept) => {
    if (typeof kept.expiresAt === 'number' && Date.now() > kept.expiresAt - MARGIN_MS) return undefined;
    const refreshed = await fetch(DOMAIN + '/tokens/refresh', { method: 'POST', headers: { authorization: 'Bearer ' + kept.token } });
    if (!refreshed.ok) return undefined;
    const { conversationId, token } = await refreshed.json();
    if (conversationId !== kept.conversationId) return undefined;
    // Still held here, and at least as far as this tab saw it (not forgotten and begun again).
    const history = await fetch(DOMAIN + '/conversations/' + encodeURIComponent(conversationId) + '/activities?watermark=0', { headers: { authorization: 'Bearer ' + token } });
    if (!history.ok) return undefined;
    const { activities, watermark } = await history.json();
    if (!Array.isArray(activities) || activities.length === 0 || Number(watermark) < Number(kept.watermark || 0)) return undefined;
    return { conversationId, token };
  };

  const fail = () => {
    element.textContent = 'チャットを開始できませんでした。しばらくしてからページを再読み込みしてください。';
  };

  const start = async () => {
    const kept = stored();
    const resumed = kept ? await resume(kept).catch(() => undefined) : undefined;
    if (resumed) {
      // From watermark 0: after a reload the transcript is empty, and the citizen expects the
      // conversation they had, not only what came since they left.
      directLine = window.WebChat.createDirectLine({ ...resumed, watermark: '0', domain: DOMAIN, webSocket: true });
    } else {
      forget();
      const res = await fetch('/webchat/token', { method: 'POST' });
      if (!res.ok) return fail();
      const { token } = await res.json();
      directLine = window.WebChat.createDirectLine({ token, domain: DOMAIN, webSocket: true });
    }
    const store = window.WebChat.createStore({}, ({ dispatch }) => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: JOIN } });
      }
      const result = next(action);
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' || action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') remember();
      return result;
    });
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        locale: 'ja-JP',
        styleOptions: { botAvatarInitials: '市', userAvatarInitials: '私', accent: '#1b6e3a', suggestedActionLayout: 'flow', hideUploadButton: true },
      },
      element,
    );
  };

  // The token Web Chat holds changes while the page is open (it refreshes it): kept on leaving.
  addEventListener('pagehide', remember);
  document.getElementById('new-conversation').addEventListener('click', () => {
    directLine = undefined; // not kept again as the page goes
    forget();
    location.reload();
  });
  start().catch(fail);
})();
