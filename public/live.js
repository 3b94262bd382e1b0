// Live thread pages for anonymous readers (documents React never hydrates): the thread's
// Server-Sent Events. New comments wait behind a button, so that the page never moves under
// the reader; like counts change in place; a removed comment goes (or becomes its tombstone);
// a lock shows its notice and hides the form. Without JavaScript the page is complete and
// simply static. A page React renders (a member's) is React's alone: its live news comes
// through components/live-thread.tsx, and this script refuses to touch it
// (docs/decisions/007-one-owner.md).
(function () {
  'use strict';
  var root = document.querySelector('[data-live-thread]');
  if (!root) return;
  if (root.closest('[data-owner="react"]')) {
    console.error('live.js: this page is rendered by React, which alone may change it');
    return;
  }
  var t = root.dataset;
  // Times as how long ago (the shared page carries exact China times), as lib/time.ts says it.
  function relativize(scope) {
    var words = JSON.parse(t.liveTime || '{}');
    var now = Date.now();
    var day = function (ms) {
      return Math.floor((ms + 288e5) / 864e5);
    };
    scope.querySelectorAll('time[data-relative]').forEach(function (el) {
      var at = Date.parse(el.getAttribute('datetime'));
      var exact = el.textContent;
      var ago = now - at;
      var text = null;
      if (ago < 6e4) text = words.now;
      else if (ago < 36e5) text = words.minutes.replace('{n}', Math.floor(ago / 6e4));
      else if (day(at) === day(now)) text = words.hours.replace('{n}', Math.floor(ago / 36e5));
      else if (day(at) === day(now) - 1) text = words.yesterday.replace('{time}', exact.slice(-5));
      else text = new Date(now + 288e5).getUTCFullYear() === +exact.slice(0, 4) ? exact.slice(5) : exact;
      el.title = words.exact.replace('{time}', exact);
      el.removeAttribute('data-relative');
      el.textContent = text;
    });
  }
  relativize(document);
  // "分享": the share sheet where the browser has one, else the permalink copied, said in place.
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[data-share]');
    if (!link) return;
    var url = link.href;
    if (navigator.share) {
      e.preventDefault();
      navigator.share({ title: link.dataset.share, url: url }).catch(function () {});
    } else if (navigator.clipboard) {
      e.preventDefault();
      var label = link.firstElementChild || link;
      var was = label.textContent;
      navigator.clipboard.writeText(url).then(
        function () {
          label.textContent = link.dataset.copied;
          setTimeout(function () {
            label.textContent = was;
          }, 2500);
        },
        function () {
          location.assign(url);
        },
      );
    }
  });
  if (!window.EventSource) return;
  var stream = new EventSource('/api/v1/articles/' + encodeURIComponent(t.liveThread) + '/events');
  // Whether the page is listening, for people and tests alike (components/mark-stream.ts).
  stream.addEventListener('open', function () { document.documentElement.setAttribute('data-live-stream', 'open'); });
  stream.addEventListener('error', function () { document.documentElement.setAttribute('data-live-stream', 'connecting'); });
  var fresh = 0;
  var bar = null;
  var mustReload = false;
  function changed() {
    mustReload = true;
    notice(t.liveChanged);
  }
  function notice(text) {
    if (!bar) {
      bar = document.createElement('button');
      bar.type = 'button';
      bar.className = 'live-news';
      bar.addEventListener('click', function () {
        if (waiting.length && !mustReload) showWaiting();
        else location.reload();
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
  // A comment as every reader sees it, cut from its permalink page (served from the shared
  // cache for anonymous readers): ids only travel on the stream, text the normal way.
  function fetchCard(id) {
    return fetch('/articles/' + encodeURIComponent(t.liveThread) + '/comments/' + id, { credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (!html) return null;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var card = doc.getElementById('c' + id);
        if (!card) return null;
        var nested = card.querySelector(':scope > .replies');
        if (nested) nested.remove();
        card.classList.remove('is-target');
        card.removeAttribute('aria-current');
        card.classList.add('live-new');
        var node = document.importNode(card, true);
        relativize(node);
        return node;
      })
      .catch(function () {
        return null;
      });
  }
  var waiting = [];
  stream.addEventListener('comment', function (e) {
    var d = data(e);
    if (document.getElementById('c' + d.commentId)) return;
    var parent = d.parentId ? document.getElementById('c' + d.parentId) : null;
    if (parent) {
      // A reply to a comment on the page appears under it.
      return fetchCard(d.commentId).then(function (card) {
        if (!card || document.getElementById('c' + d.commentId)) return;
        var list = parent.querySelector(':scope > .replies');
        if (!list) {
          list = document.createElement('ol');
          list.className = 'replies';
          var more = parent.querySelector(':scope > .more-replies');
          parent.insertBefore(list, more);
        }
        list.appendChild(card);
      });
    }
    if (d.parentId && !parent) return;
    waiting.push(d.commentId);
    fresh++;
    notice((fresh === 1 ? t.liveNewOne : t.liveNewMany).replace('{count}', String(fresh)));
  });
  // On the "new" order, the waiting comments go to the top when the reader asks; otherwise
  // the page is read again.
  function showWaiting() {
    var list = document.querySelector('.comments .comment-list');
    if (t.liveSort !== 'new' || !list || waiting.length > 20 || new URLSearchParams(location.search).has('cursor')) return location.reload();
    var ids = waiting.slice().reverse();
    waiting = [];
    fresh = 0;
    Promise.all(ids.map(fetchCard)).then(function (cards) {
      cards.forEach(function (card, i) {
        if (card && !document.getElementById('c' + ids[i])) list.insertBefore(card, list.firstChild);
        else if (!card) location.reload();
      });
      if (bar) {
        bar.remove();
        bar = null;
      }
    });
  }
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
    if (document.getElementById('c' + d.commentId)) changed();
  });
  stream.addEventListener('lock', function (e) {
    var d = data(e);
    if (!d.locked) return changed();
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
    changed();
  });
})();
