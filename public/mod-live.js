// The moderation queue, live (staff pages): counts on the tabs and in the header follow every
// report, held comment and decision, from any instance; when the tab one is looking at gains
// items, a notice offers to show them.
(function () {
  'use strict';
  var root = document.querySelector('[data-mod-live]');
  if (!root || !window.EventSource) return;
  var tab = root.dataset.modLive;
  var seen = null;
  var article = root.dataset.modLiveArticle;
  var stream = new EventSource('/api/v1/mod/events' + (article ? '?article=' + encodeURIComponent(article) : ''));
  stream.addEventListener('counts', function (e) {
    var c;
    try {
      c = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    // The header counts the whole queue; the tabs count what they show (one thread, or all).
    document.querySelectorAll('[data-queue-count]').forEach(function (el) {
      var k = el.getAttribute('data-queue-count');
      var n = k === 'open' ? c.all.reported + c.all.held : c.scope[k];
      if (typeof n === 'number') {
        el.textContent = String(n);
        el.setAttribute('data-n', String(n));
      }
    });
    c = c.scope;
    if (seen && typeof c[tab] === 'number' && c[tab] > seen[tab] && !document.querySelector('.mod-news')) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'mod-news live-news';
      b.textContent = root.dataset.modLiveNews;
      b.addEventListener('click', function () {
        location.reload();
      });
      root.parentNode.insertBefore(b, root.nextSibling);
    }
    seen = c;
  });
})();
