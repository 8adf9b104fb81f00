// Scrolling for the message log (a log already removed, when someone switched quickly, arrives as null): pages load at
// either end as it comes into view without moving what the reader sees, and the log follows new messages only when the
// reader is already at the bottom. It also tells the server what
// a person has seen: the newest message shown while the tab is visible and at the bottom (see MessageLog.Reading.cs).
const nearBottomPx = 48;
const seenReportIntervalMs = 250;

export function attach(log, dotnet, startAt) {
    const state = { atBottom: true, busy: false, held: null, turned: null, top: log.scrollTop,
        down: document.documentElement.dataset.connection === "down" };
    const top = log.querySelector("[data-log-top]");
    const bottom = log.querySelector("[data-log-bottom]");
    const nearPx = 200;
    // A page loads at whichever end the reader comes near, when the server marked that there is more there (data-more);
    // the log holds a window of messages, so scrolling back down loads again what scrolling up let go of. After a page
    // at one end the other end waits until the reader scrolls towards it: on a tall screen a page at the top (letting
    // go of the newest) can leave the reader near the bottom too, and loading there would go back and forth for ever.
    const load = () => {
        if (state.busy || state.down || log.scrollHeight <= log.clientHeight) {
            return;
        }
        const older = state.held !== "newer" && top?.dataset.more === "true" && log.scrollTop <= nearPx;
        const newer = !older && state.held !== "older" && bottom?.dataset.more === "true" && isAtBottom(log, nearPx);
        if (older || newer) {
            loadAt(older ? "older" : "newer");
        }
    };
    // Busy from the call until the page is in place and the log has looked again: the scrolling meanwhile is the log
    // keeping the reader's place, not the reader.
    const loadAt = end => {
        if (state.busy || state.down) {
            return;
        }
        state.busy = true;
        state.held = end;
        log.dataset.loading = end;
        // The server answers whether it added a page: one that did not (the log moved meanwhile: a jump, or the way
        // back to the newest) brings no position to keep.
        dotnet.invokeMethodAsync(end === "older" ? "LoadOlderAsync" : "LoadNewerAsync").then(added => {
            if (!added) {
                done();
            }
        }, done);
    };
    const done = () => {
        state.busy = false;
        delete log.dataset.loading;
        log.bmAnchor = null;
    };
    // The observer only reports changes: a reader still near an end once a page has arrived and their position is
    // kept would wait forever, so look once more then.
    log.bmAfterLoad = () => requestAnimationFrame(() => {
        if (state.turned && state.turned !== state.held) {
            state.held = null;
        }
        state.turned = null;
        done();
        load();
    });
    // A jump or the way to the newest puts the reader somewhere new: both ends may load.
    log.bmRelease = () => state.held = null;
    const onLoadButton = e => {
        const end = e.target.closest?.("[data-load]")?.dataset.load;
        if (end) {
            state.held = null;
            loadAt(end);
        }
    };
    const observer = new IntersectionObserver(entries => {
        if (entries.some(e => e.isIntersecting)) {
            load();
        }
    }, { root: log, rootMargin: `${nearPx}px 0px` });
    for (const end of [top, bottom]) {
        if (end) {
            observer.observe(end);
        }
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
    // A page arriving at either end keeps the reader's message in place before the browser paints (keepPosition, after
    // the server hears the page was shown, would come a round trip later: a visible jump on a slow network).
    const arrivals = new MutationObserver(() => {
        hold(log);
        requestAnimationFrame(reportSeen);
    });
    arrivals.observe(log, { childList: true });
    document.addEventListener("visibilitychange", reportSeen);
    // A report on its way when the connection dropped may never be answered: report again once it is back.
    const connection = document.getElementById("components-reconnect-modal");
    const onConnection = e => {
        state.down = e.detail.state !== "hide";
        if (e.detail.state === "hide") {
            reported = 0;
            reportSeen();
            // A page asked for while the connection dropped is never answered: ask again.
            if (state.busy) {
                done();
            }
            load();
        }
    };
    connection?.addEventListener("components-reconnect-state-changed", onConnection);

    const onScroll = () => {
        if (log.bmAnchor) {
            // While a page loads the log puts the anchor back where it was: if it moved, the reader scrolled.
            const drift = log.bmAnchor.element?.isConnected ? offsetOf(log, log.bmAnchor.element) - log.bmAnchor.offset : 0;
            if (state.busy && Math.abs(drift) > 1) {
                state.turned = drift < 0 ? "newer" : "older";
            }
            log.bmAnchor = anchorOf(log, log.bmAnchor.fromBottom);
        }
        if (!state.busy && log.scrollTop !== state.top) {
            // The reader turned towards the end that waited: it may load again.
            const towards = log.scrollTop < state.top ? "older" : "newer";
            state.held = state.held === towards ? state.held : null;
        }
        state.top = log.scrollTop;
        load();
        const atBottom = isAtBottom(log);
        if (atBottom !== state.atBottom) {
            tellAtBottom(atBottom);
        }
        reportSeen();
    };
    // Whether the reader is at the bottom (the log follows new messages then); data-at-bottom says what the server knows.
    const tellAtBottom = atBottom => {
        state.atBottom = atBottom;
        dotnet.invokeMethodAsync("OnAtBottomChanged", atBottom).then(() => log.dataset.atBottom = atBottom, () => { });
    };
    log.addEventListener("scroll", onScroll, { passive: true });
    log.addEventListener("loadedmetadata", seekable, true);
    log.addEventListener("contextmenu", openActions);
    const onAct = e => act(log, dotnet, e);
    log.addEventListener("click", onAct);
    log.addEventListener("click", onLoadButton);
    const start = startAt && log.querySelector(startAt.selector);
    if (start) {
        reveal(log, start, startAt.block);
    } else {
        log.scrollTop = log.scrollHeight;
    }
    if (isAtBottom(log)) {
        log.dataset.atBottom = true;
    } else {
        tellAtBottom(false);
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
            log.removeEventListener("click", onAct);
            log.removeEventListener("click", onLoadButton);
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

// One listener for the buttons of every bubble (data-act: its actions, its quote, its image, a reaction) rather than a
// handler per button, which the server would keep per message.
function act(log, dotnet, e) {
    const button = e.target.closest?.("[data-act]");
    const message = button?.closest(".bm-msg[data-seq]");
    if (message && log.contains(message)) {
        dotnet.invokeMethodAsync("ActAsync", Number(message.dataset.seq), button.dataset.act, button.dataset.emoji ?? null).catch(() => { });
    }
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

export function isAtBottom(log, withinPx = nearBottomPx) {
    return log.scrollHeight - log.scrollTop - log.clientHeight <= withinPx;
}

export function scrollToBottom(log) {
    if (!log) {
        return null;
    }
    log.scrollTop = log.scrollHeight;
    log.bmRelease?.();
}

// The message at one edge of the view and how far it stands from the log's top, taken when a page is asked for (and
// again as the reader scrolls while it loads). Afterwards that message is put back where they saw it, whatever arrived
// or went at either end. The edge is the one away from where messages may go: the top when older ones arrive (the
// newest go), the bottom when newer ones do.
export function measure(log, fromBottom) {
    if (!log) {
        return null;
    }
    log.bmAnchor = anchorOf(log, fromBottom);
}

function anchorOf(log, fromBottom) {
    const view = log.getBoundingClientRect();
    const shown = [...log.querySelectorAll(".bm-log > [data-seq]")];
    const element = fromBottom
        ? shown.findLast(e => e.getBoundingClientRect().top < view.bottom)
        : shown.find(e => e.getBoundingClientRect().bottom > view.top);
    return { element, fromBottom, offset: element ? offsetOf(log, element) : 0 };
}

// How far an element stands from the top of the log's view (0 for one that is gone).
function offsetOf(log, element) {
    return element?.isConnected ? element.getBoundingClientRect().top - log.getBoundingClientRect().top : 0;
}

function hold(log) {
    const anchor = log.bmAnchor;
    if (anchor?.element?.isConnected) {
        log.scrollTop += offsetOf(log, anchor.element) - anchor.offset;
    }
}

export function keepPosition(log) {
    if (!log) {
        return null;
    }
    hold(log);
    log.bmAnchor = null;
    log.bmAfterLoad?.();
}

export function scrollToSeq(log, seq) {
    if (!log) {
        return null;
    }
    log.bmRelease?.();
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
