// On a phone the open sidebar covers the page, and Streamlit leaves it open after a page is chosen in it: a click
// on a page link there closes it (once per tab; 768 px is Streamlit's own breakpoint for phones, md).
// components/app/sidebar.py inlines it after the language script; deploy/proxy.py allows it by its hash.
if (!window.kaCloseAfterNavigation) {
  window.kaCloseAfterNavigation = true;
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest('[data-testid="stSidebarNav"] a');
    if (!link || !window.matchMedia("(max-width: 768px)").matches) { return; }
    setTimeout(function () {
      var close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) { close.click(); }
    }, 0);
  }, true);
}
