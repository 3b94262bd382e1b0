// Yilun's embed: one line on a publisher's article page shows that page's thread in a frame.
//
//   <script src="https://FORUM/embed.js" data-site="SITE_ID" async></script>
//
// Optional: data-url (the page's address; else this page's), data-title (else the document's),
// data-language (zh-CN | en; else the site's default), data-theme (light | dark | auto; else
// the host page's own color-scheme), data-sso (a single sign-on token the host signed for its
// reader; present but empty: the reader is signed out on the host), data-target (a CSS
// selector of the element to put the frame in; else right after this script).
// window.Yilun.login(token) / .logout() pass the host's sign-in and sign-out later.
//
// The frame reports its height by postMessage; only messages from the forum's origin and from
// this frame are read.
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[src$="/embed.js"][data-site]');
  if (!script) return;
  var forum = new URL(script.src, location.href).origin;
  var d = script.dataset;
  if (!d.site) {
    console.error('Yilun: the embed script needs data-site="SITE_ID" (shown on the forum under 管理 → 站点 / Moderation → Sites).');
    return;
  }
  var lang = d.language === 'en' || d.language === 'zh-CN' ? d.language : '';

  function scheme(theme) {
    if (theme === 'dark' || theme === 'light') return theme;
    var own = getComputedStyle(document.documentElement).colorScheme || '';
    if (/\bdark\b/.test(own) && !/\blight\b/.test(own)) return 'dark';
    if (/\blight\b/.test(own) && !/\bdark\b/.test(own)) return 'light';
    return 'light dark';
  }

  var frame = document.createElement('iframe');
  frame.title = lang === 'en' ? 'Comments' : '评论';
  frame.setAttribute('scrolling', 'no');
  frame.setAttribute('data-yilun', d.site);
  frame.style.cssText = 'display:block;width:100%;border:0;height:24rem;overflow:hidden';
  // The frame's prefers-color-scheme follows the color-scheme of its element.
  frame.style.colorScheme = scheme(d.theme);
  var query = new URLSearchParams({ url: d.url || location.href, title: d.title || document.title, origin: location.origin });
  if (lang) query.set('lang', lang);
  // What only the frame's script reads stays in the fragment: never sent to a server or logged.
  var fragment = new URLSearchParams({ host: location.origin, theme: scheme(d.theme) });
  if (d.sso !== undefined) fragment.set('sso', d.sso);
  frame.src = forum + '/embed/' + encodeURIComponent(d.site) + '?' + query + '#' + fragment;
  var target = d.target ? document.querySelector(d.target) : null;
  if (target) target.appendChild(frame);
  else script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener('message', function (e) {
    if (e.origin !== forum || e.source !== frame.contentWindow || !e.data || typeof e.data !== 'object') return;
    if (e.data.yilun === 'height' && typeof e.data.height === 'number' && isFinite(e.data.height)) {
      frame.style.height = Math.max(80, Math.min(Math.ceil(e.data.height), 200000)) + 'px';
    }
  });

  var send = function (message) {
    if (frame.contentWindow) frame.contentWindow.postMessage(message, forum);
  };
  window.Yilun = {
    login: function (token) {
      send({ yilun: 'sso', token: String(token) });
    },
    logout: function () {
      send({ yilun: 'sso', token: '' });
    },
    setTheme: function (theme) {
      frame.style.colorScheme = scheme(theme);
      send({ yilun: 'theme', scheme: scheme(theme) });
    },
  };
})();
