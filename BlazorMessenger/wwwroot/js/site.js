// Starts Blazor (the script tag has autostart="false"; static pages load no Blazor script): a stalled connection is
// noticed within seconds, not the default 30 s, because the server pings every second; reconnecting never gives up
// while the page is open.
(function () {
    if (!window.Blazor) {
        return;
    }
    var serverTimeout = Number(document.currentScript.dataset.serverTimeoutMs) || 2500;
    Blazor.start({
        circuit: {
            configureSignalR: function (builder) {
                builder.withServerTimeout(serverTimeout);
            },
            reconnectionOptions: {
                maxRetries: 1000000,
                retryIntervalMilliseconds: function (previousAttempts) {
                    return previousAttempts === 0 ? 0 : previousAttempts < 10 ? 1000 : 5000;
                }
            }
        }
    });
})();

// Browsers that ignore interactive-widget (Safari) shrink only the visual viewport for the on-screen keyboard: the
// shell follows its height instead, so the composer stays above the keyboard. Not while zoomed in.
(function () {
    var viewport = window.visualViewport;
    if (!viewport) {
        return;
    }
    var follow = function () {
        var root = document.documentElement.style;
        if (Math.abs(viewport.scale - 1) < 0.01 && viewport.height < window.innerHeight) {
            root.setProperty("--bm-app-height", viewport.height + "px");
        } else {
            root.removeProperty("--bm-app-height");
        }
    };
    viewport.addEventListener("resize", follow);
})();

// Preferences the server needs before any component runs are kept in cookies, so the first render is right.
(function () {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
        document.cookie = "bm-tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
    }
})();

window.bmTheme = {
    save: function (mode) {
        var value = mode === "dark" ? "dark" : "light";
        document.cookie = "bm-theme=" + value + "; path=/; max-age=31536000; samesite=lax";
    }
};

// Recently used emoji, per browser.
window.bmEmoji = {
    recent: function () {
        try {
            return JSON.parse(localStorage.getItem("bm-recent-emoji") || "[]");
        } catch {
            return [];
        }
    },
    remember: function (symbols) {
        localStorage.setItem("bm-recent-emoji", JSON.stringify(symbols));
    }
};

// In a text box marked data-enter-sends, Enter submits (the component handles the key) instead of starting a new line;
// Shift+Enter still starts one.
document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.target.closest && e.target.closest("[data-enter-sends]")) {
        e.preventDefault();
    }
}, true);

// The service worker (sw.js): the installed app's shell, and the notifications that come while no tab is open. A click
// on one of them in a tab that is already open comes back here to open the conversation inside the page.
(function () {
    if (!("serviceWorker" in navigator)) {
        return;
    }
    var base = document.baseURI;
    // A few seconds after the page has loaded, when the browser is idle: installing the worker fetches the shell's
    // files and starts a thread, which must not compete with the page's own first load (on a slow phone it costs the
    // chat's first screen about a quarter of a second of blocked main thread; measured with Lighthouse).
    var register = function () {
        navigator.serviceWorker.register(new URL("sw.js", base), { scope: new URL("./", base).pathname }).catch(function () { });
    };
    var later = function () {
        setTimeout(function () {
            if (window.requestIdleCallback) {
                requestIdleCallback(register, { timeout: 2000 });
            } else {
                register();
            }
        }, 3000);
    };
    if (document.readyState === "complete") {
        later();
    } else {
        addEventListener("load", later);
    }
    navigator.serviceWorker.addEventListener("message", function (e) {
        if (e.data && e.data.type === "open") {
            var url = new URL(e.data.url, base);
            if (window.Blazor && window.Blazor.navigateTo) {
                window.Blazor.navigateTo(url.pathname + url.search);
            } else {
                location.href = url.href;
            }
        }
    });
})();
