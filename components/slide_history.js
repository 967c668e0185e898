(function () {
  /* Slides change only the query string ("?folie=3"): replace the history entry instead of adding one per slide. */
  var h = window.history;
  if (h.__kooperationsatlasSlides) return;
  h.__kooperationsatlasSlides = true;
  var push = h.pushState.bind(h), replace = h.replaceState.bind(h);
  h.pushState = function (state, title, url) {
    try {
      var next = new URL(url, window.location.href);
      if (next.pathname === window.location.pathname && /\/praesentation\/?$/.test(next.pathname)) {
        return replace(state, title, url);
      }
    } catch (e) {}
    return push(state, title, url);
  };
})();
