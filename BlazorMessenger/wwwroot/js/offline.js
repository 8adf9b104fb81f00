// The offline shell (offline.html): dressed in the person's theme, it loads the page it stands in for as soon as the
// server answers. Runs in the head, before the body is drawn, so the theme never flashes.
"use strict";

(function () {
    var BARS = { light: "#2a63c8", dark: "#1f2430" };
    var theme = /(?:^|;\s*)bm-theme=(light|dark)(?:;|$)/.exec(document.cookie);
    if (theme) {
        document.documentElement.classList.add(theme[1]);
        document.querySelectorAll('meta[name="theme-color"]').forEach(function (meta) {
            meta.content = BARS[theme[1]];
        });
    }

    function reload() {
        location.reload();
    }

    // "online" says a network is back, not that the server answers (nor does it fire while the server is down on a
    // working network), so the page is also asked for every 5 s. With GET: pages take no HEAD (405). The service worker
    // does not answer a fetch of a page, so an ok here is the server's.
    addEventListener("online", reload);
    setInterval(function () {
        fetch(location.href, { cache: "no-store" }).then(function (response) {
            if (response.ok) {
                reload();
            }
        }, function () { });
    }, 5000);
})();
