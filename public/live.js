// Live thread pages (every reader, signed in or not): the thread's Server-Sent Events.
// New comments wait behind a button, so that the page never moves under the reader; like
// counts change in place; a removed comment goes (or becomes its tombstone); a lock shows its
// notice and hides the form. Without JavaScript the page is complete and simply static.
(function () {
  'use strict';
  var root = document.querySelector('[data-live-thread]');
  if (!root || !window.EventSource) return;
  var t = root.dataset;
  var stream = new EventSource('/api/v1/articles/' + encodeURIComponent(t.liveThread) + '/events');
  var fresh = 0;
  var bar = null;
  function notice(text) {
    if (!bar) {
      bar = document.createElement('button');
      bar.type = 'button';
      bar.className = 'live-news';
      bar.addEventListener('click', function () {
        location.reload();
      });
      var list = document.querySelector('.comments .comment-list') || root;
      list.parentNode.insertBefore(bar, list);
    }
    bar.textContent = text;
  }
  function data(e) {
    try {
      return JSON.parse(e.data);
    } catch (err) {
      return {};
    }
  }
  stream.addEventListener('comment', function (e) {
    var d = data(e);
    if (document.getElementById('c' + d.commentId)) return;
    fresh++;
    notice((fresh === 1 ? t.liveNewOne : t.liveNewMany).replace('{count}', String(fresh)));
  });
  stream.addEventListener('likes', function (e) {
    var d = data(e);
    var item = document.getElementById('c' + d.commentId);
    var count = item && item.querySelector(':scope > article .like-count');
    if (count && typeof d.likeCount === 'number') count.textContent = String(d.likeCount);
  });
  stream.addEventListener('removed', function (e) {
    var d = data(e);
    var item = document.getElementById('c' + d.commentId);
    if (!item) return;
    var replies = item.querySelector(':scope > .replies > li');
    if (!replies) return item.remove();
    var article = item.querySelector(':scope > article');
    if (!article) return;
    var tomb = document.createElement('p');
    tomb.className = 'tombstone';
    tomb.textContent = d.by === 'author' ? t.liveDeleted : t.liveRemoved;
    article.replaceChildren(tomb);
  });
  // An edited comment on the page: offer to reload it (its text comes the normal way).
  stream.addEventListener('edited', function (e) {
    var d = data(e);
    if (document.getElementById('c' + d.commentId)) notice(t.liveChanged);
  });
  stream.addEventListener('lock', function (e) {
    var d = data(e);
    if (!d.locked) return notice(t.liveChanged);
    var form = document.querySelector('.compose');
    if (form) form.hidden = true;
    var p = document.createElement('p');
    p.className = 'notice';
    p.setAttribute('role', 'status');
    p.textContent = t.liveLocked;
    var list = document.querySelector('.comments .comment-list') || root;
    list.parentNode.insertBefore(p, list);
  });
  stream.addEventListener('resync', function () {
    notice(t.liveChanged);
  });
})();
