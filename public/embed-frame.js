// The script of an embedded thread, inside the frame (app/framed, app/(embed)): tells the host
// page its height, opens the first-party sign-in window, takes the session a single sign-on
// token or a sign-in grant gives (POST /api/v1/embed/session), and keeps links that leave the
// thread out of the frame. Messages go to the host's origin only, and are read from it only.
(function () {
  'use strict';
  var framed = window.parent !== window;
  var siteMatch = /^\/embed\/(s[a-z0-9]{10})\//.exec(location.pathname);
  var site = siteMatch ? siteMatch[1] : null;
  var fragment = new URLSearchParams(location.hash.slice(1));
  // The host's origin: the browser's word where it gives one, else what embed.js passed.
  var host = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : fragment.get('host');
  try {
    if (host) sessionStorage.setItem('yilun-host', host);
    else host = sessionStorage.getItem('yilun-host');
  } catch (e) {}
  var sso = fragment.has('sso') ? fragment.get('sso') : null;

  // ---- The host's light or dark (kept for the frame's later pages) ----
  function theme(scheme) {
    var value = scheme === 'dark' || scheme === 'light' ? scheme : '';
    if (value) document.documentElement.setAttribute('data-theme', value);
    else document.documentElement.removeAttribute('data-theme');
    try {
      sessionStorage.setItem('yilun-theme', value);
    } catch (e) {}
  }
  var stored = null;
  try {
    stored = sessionStorage.getItem('yilun-theme');
  } catch (e) {}
  theme(fragment.has('theme') ? fragment.get('theme') : stored);
  if (fragment.has('host') || fragment.has('sso') || fragment.has('theme')) history.replaceState(history.state, '', location.pathname + location.search);

  function tell(message) {
    if (framed && host) window.parent.postMessage(message, host);
  }

  // ---- Height ----
  var last = 0;
  function measure() {
    var h = Math.ceil(document.body.getBoundingClientRect().height);
    if (h !== last) {
      last = h;
      tell({ yilun: 'height', height: h });
    }
  }
  if (window.ResizeObserver) new ResizeObserver(measure).observe(document.body);
  window.addEventListener('load', measure);
  measure();

  // ---- What went wrong, said in the frame ----
  function say(text) {
    var el = document.getElementById('embed-message');
    if (!el) {
      el = document.createElement('p');
      el.id = 'embed-message';
      el.className = 'notice';
      el.setAttribute('role', 'alert');
      // Outside the thread's own elements (React keeps those of a member's page).
      document.body.insertBefore(el, document.body.firstChild);
    }
    el.textContent = text;
  }

  function takeSession(body) {
    return fetch('/api/v1/embed/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) {
        return res.json().then(function (json) {
          if (!res.ok) throw new Error((json && json.error && json.error.message) || String(res.status));
          if (json.changed) location.reload();
        });
      })
      .catch(function (err) {
        say(err.message);
      });
  }

  function hostSignedOut() {
    return fetch('/api/v1/embed/signout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: site, sso: true }), credentials: 'same-origin' })
      .then(function (res) {
        return res.json();
      })
      .then(function (json) {
        if (json && json.signedOut) location.reload();
      })
      .catch(function () {});
  }

  function onSso(token) {
    if (!site) return;
    if (token) takeSession({ site: site, token: token });
    else hostSignedOut();
  }
  if (sso !== null) onSso(sso);

  window.addEventListener('message', function (e) {
    var data = e.data;
    if (!data || typeof data !== 'object') return;
    // The host page (its origin, this frame's parent) passes its sign-in and sign-out.
    if (data.yilun === 'sso' && host && e.origin === host && e.source === window.parent) onSso(String(data.token || ''));
    if (data.yilun === 'theme' && host && e.origin === host && e.source === window.parent) theme(String(data.scheme || ''));
    // The sign-in window (this forum's origin) hands over its one-time code.
    if (data.yilun === 'grant' && e.origin === location.origin && typeof data.code === 'string') takeSession({ grant: data.code });
  });

  // ---- Links ----
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a || e.defaultPrevented) return;
    if (a.hasAttribute('data-embed-signin')) {
      var w = window.open(a.href, 'yilun-signin', 'popup,width=520,height=720');
      if (w) e.preventDefault();
      return;
    }
    var url = new URL(a.href, location.href);
    if (url.origin === location.origin && url.pathname.indexOf('/embed/') === 0) return;
    if (url.origin === location.origin && url.pathname === location.pathname && url.hash) return;
    // Anything else (a comment's own page, a profile, a link in a comment) opens outside the frame.
    a.target = '_blank';
    if (!/\bnoopener\b/.test(a.rel)) a.rel = (a.rel ? a.rel + ' ' : '') + 'noopener';
  });
})();
