// The demo page's own script, served as /webchat-page.js: a file rather than an inline script,
// so the page's Content-Security-Policy can allow scripts from this origin only. Its token comes
// from the page's own route (no Direct Line secret in the browser) and names the user: Web Chat
// reads the user id from it. Files are not accepted, so there is no upload button.
(async function () {
  const res = await fetch('/webchat/token', { method: 'POST' });
  if (!res.ok) {
    document.getElementById('webchat').textContent = 'チャットを開始できませんでした。しばらくしてからページを再読み込みしてください。';
    return;
  }
  const { token } = await res.json();
  window.WebChat.renderWebChat(
    {
      directLine: window.WebChat.createDirectLine({ token, domain: location.origin + '/v3/directline', webSocket: true }),
      locale: 'ja-JP',
      styleOptions: { botAvatarInitials: '市', userAvatarInitials: '私', accent: '#1b6e3a', suggestedActionLayout: 'flow', hideUploadButton: true },
    },
    document.getElementById('webchat'),
  );
})();
