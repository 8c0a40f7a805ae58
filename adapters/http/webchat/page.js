// The demo page's own script, served as /webchat-page.js: a file rather than an inline script,
// so the page's Content-Security-Policy can allow scripts from this origin only.
(async function () {
  const res = await fetch('/v3/directline/tokens/generate', { method: 'POST' });
  const { token } = await res.json();
  window.WebChat.renderWebChat(
    {
      directLine: window.WebChat.createDirectLine({ token, domain: location.origin + '/v3/directline', webSocket: true }),
      locale: 'ja-JP',
      styleOptions: { botAvatarInitials: '市', userAvatarInitials: '私', accent: '#1b6e3a', suggestedActionLayout: 'flow' },
    },
    document.getElementById('webchat'),
  );
})();
