// Comment counts for a page of article links on a publisher's site:
//
//   <a href="/news/1.html"><span data-yilun-count></span></a>
//   <span data-yilun-count="https://news.example.com/news/2.html"></span>
//   <script src="https://FORUM/count.js" data-site="SITE_ID" async></script>
//
// Each element gets "N 条评论" (data-language="en": "N comments"); data-yilun-count-bare on an
// element gets the number alone. One request per hundred links (GET /api/v1/counts).
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[src$="/count.js"][data-site]');
  if (!script || !script.dataset.site) return;
  var forum = new URL(script.src, location.href).origin;
  var en = script.dataset.language === 'en';
  var els = [].slice.call(document.querySelectorAll('[data-yilun-count]'));
  var urlOf = function (el) {
    var given = el.getAttribute('data-yilun-count');
    var link = el.closest('a[href]');
    return new URL(given || (link ? link.getAttribute('href') : location.href), location.href).href;
  };
  var urls = [];
  els.forEach(function (el) {
    var u = urlOf(el);
    if (urls.indexOf(u) < 0) urls.push(u);
  });
  var word = function (n) {
    return en ? n + (n === 1 ? ' comment' : ' comments') : n + ' 条评论';
  };
  for (var i = 0; i < urls.length; i += 100) {
    var query = new URLSearchParams({ site: script.dataset.site });
    urls.slice(i, i + 100).forEach(function (u) {
      query.append('urls', u);
    });
    fetch(forum + '/api/v1/counts?' + query)
      .then(function (res) {
        return res.json();
      })
      .then(function (json) {
        if (!json || !json.counts) return;
        els.forEach(function (el) {
          var n = json.counts[urlOf(el)];
          if (typeof n === 'number') el.textContent = el.hasAttribute('data-yilun-count-bare') ? String(n) : word(n);
        });
      })
      .catch(function () {});
  }
})();
