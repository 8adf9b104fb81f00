// Scrolling for the message log (a log already removed, when someone switched quickly, arrives as null): older pages load when the top comes into view without moving what the reader
// sees, and the log follows new messages only when the reader is already at the bottom. It also tells the server what
// a person has seen: the newest message shown while the tab is visible and at the bottom (see MessageLog.Reading.cs).
const nearBottomPx = 48;
const seenReportIntervalMs = 250;

export function attach(log, dotnet, startAt) {
    const state = { atBottom: true, loading: false, more: true, positioned: false };
    const sentinel = log.querySelector("[data-log-top]");
    const nearTopPx = 200;
    const loadOlder = () => {
        if (log.scrollTop > nearTopPx || state.loading || !state.more || log.scrollHeight <= log.clientHeight) {
            return;
        }
        state.loading = true;
        state.positioned = false;
        dotnet.invokeMethodAsync("LoadOlderAsync").then(more => {
            state.loading = false;
            state.more = more;
            settle();
        }, () => state.loading = false);
    };
    // The observer only reports changes: a reader still near the top once a page has arrived and their position is
    // kept would wait forever, so look once more when both the load and the positioning are done.
    const settle = () => {
        if (!state.loading && state.positioned) {
            state.positioned = false;
            requestAnimationFrame(loadOlder);
        }
    };
    log.bmAfterPrepend = () => {
        state.positioned = true;
        settle();
    };
    const observer = new IntersectionObserver(entries => {
        if (entries.some(e => e.isIntersecting)) {
            loadOlder();
        }
    }, { root: log, rootMargin: `${nearTopPx}px 0px 0px 0px` });
    if (sentinel) {
        observer.observe(sentinel);
    }

    // A report that fails (the connection is down) is forgotten, so the next look after the reconnect reports again.
    // At most one report per interval: each is a database write, and a busy conversation would otherwise write per message.
    let reported = 0;
    let reportedAt = -Infinity;
    let later = 0;
    const reportSeen = () => {
        if (document.visibilityState !== "visible" || document.documentElement.dataset.connection === "down" || !isAtBottom(log)) {
            return;
        }
        const shown = log.querySelectorAll("[data-seq]");
        const newest = shown.length ? Number(shown[shown.length - 1].dataset.seq) : 0;
        if (newest <= reported) {
            return;
        }
        const wait = reportedAt + seenReportIntervalMs - performance.now();
        if (wait > 0) {
            later ||= setTimeout(() => {
                later = 0;
                reportSeen();
            }, wait);
            return;
        }
        reported = newest;
        reportedAt = performance.now();
        dotnet.invokeMethodAsync("MarkSeenAsync", newest).catch(() => reported = 0);
    };
    // After the frame: measuring the log right as a message is inserted would force a layout the arrival then waits for.
    const arrivals = new MutationObserver(() => requestAnimationFrame(reportSeen));
    arrivals.observe(log, { childList: true });
    document.addEventListener("visibilitychange", reportSeen);
    // A report on its way when the connection dropped may never be answered: report again once it is back.
    const connection = document.getElementById("components-reconnect-modal");
    const onConnection = e => {
        if (e.detail.state === "hide") {
            reported = 0;
            reportSeen();
        }
    };
    connection?.addEventListener("components-reconnect-state-changed", onConnection);

    const onScroll = () => {
        remember(log);
        const atBottom = isAtBottom(log);
        if (atBottom !== state.atBottom) {
            state.atBottom = atBottom;
            dotnet.invokeMethodAsync("OnAtBottomChanged", atBottom);
        }
        reportSeen();
    };
    log.addEventListener("scroll", onScroll, { passive: true });
    log.addEventListener("loadedmetadata", seekable, true);
    log.addEventListener("contextmenu", openActions);
    const start = startAt && log.querySelector(startAt.selector);
    if (start) {
        reveal(log, start, startAt.block);
    } else {
        log.scrollTop = log.scrollHeight;
    }
    state.atBottom = isAtBottom(log);
    if (!state.atBottom) {
        dotnet.invokeMethodAsync("OnAtBottomChanged", false);
    }
    reportSeen();
    // Scrolling does nothing special until now; browser tests and benchmarks wait for this mark.
    log.dataset.ready = "true";
    return {
        dispose: () => {
            clearTimeout(later);
            observer.disconnect();
            arrivals.disconnect();
            document.removeEventListener("visibilitychange", reportSeen);
            connection?.removeEventListener("components-reconnect-state-changed", onConnection);
            log.removeEventListener("scroll", onScroll);
            log.removeEventListener("loadedmetadata", seekable, true);
            log.removeEventListener("contextmenu", openActions);
        }
    };
}

// A recorded WebM voice note carries no length, and Chrome cannot seek in it until it has read it to the end once: ask
// for the end, then go back to the start (the player then knows the length and seeks).
function seekable(e) {
    const audio = e.target;
    if (!(audio instanceof HTMLAudioElement) || audio.duration !== Infinity) {
        return;
    }
    audio.addEventListener("durationchange", () => audio.currentTime = 0, { once: true });
    audio.currentTime = 1e101;
}

// A long press on a phone (its context menu) or a right click opens the message's actions, as other messengers do;
// not on a link, a picture or a player, and not over selected text, which keep the browser's own menu.
function openActions(e) {
    const message = e.target.closest?.(".bm-msg[data-seq]");
    const button = message?.querySelector(".bm-msg-actions");
    const selection = getSelection();
    if (!button || e.target.closest("a, img, audio") || (selection?.toString() && selection.containsNode(message, true))) {
        return;
    }
    e.preventDefault();
    button.click();
}

export function isAtBottom(log) {
    return log.scrollHeight - log.scrollTop - log.clientHeight <= nearBottomPx;
}

export function scrollToBottom(log) {
    if (!log) {
        return null;
    }
    log.scrollTop = log.scrollHeight;
}

// Where the reader was at their last scroll (or when a load began), kept on the element: a reader who scrolls while
// an older page is on its way keeps their own position, not the one from when the load started.
function remember(log) {
    log.bmPosition = { scrollHeight: log.scrollHeight, scrollTop: log.scrollTop };
    return log.bmPosition;
}

export function measure(log) {
    if (!log) {
        return null;
    }
    return remember(log);
}

export function keepPosition(log, before) {
    if (!log) {
        return null;
    }
    const last = log.bmPosition ?? before;
    log.scrollTop = log.scrollHeight - last.scrollHeight + last.scrollTop;
    remember(log);
    log.bmAfterPrepend?.();
}

export function scrollToSeq(log, seq) {
    if (!log) {
        return null;
    }
    const target = log.querySelector(`[data-seq="${seq}"]`);
    if (target) {
        reveal(log, target, "center");
        // The quote or pin that asked may be gone with the page it was on: the reader goes on from the message.
        target.focus({ preventScroll: true });
    }
}

// Scrolls only the log (scrollIntoView would scroll the page too, sliding the log under the app bar).
function reveal(log, element, block) {
    const offset = element.getBoundingClientRect().top - log.getBoundingClientRect().top;
    const room = block === "center" ? (log.clientHeight - element.offsetHeight) / 2 : 8;
    log.scrollTop += offset - room;
}
