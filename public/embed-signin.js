// The first-party sign-in window of an embedded thread (app/(site)/embed-signin): hands the
// frame that opened it the one-time code, at this site's origin only, and closes.
(function () {
  'use strict';
  var el = document.getElementById('embed-grant');
  if (!el || !window.opener) return;
  try {
    window.opener.postMessage({ yilun: 'grant', code: el.getAttribute('data-grant') }, location.origin);
  } catch (e) {
    return;
  }
  setTimeout(function () {
    window.close();
  }, 300);
})();
