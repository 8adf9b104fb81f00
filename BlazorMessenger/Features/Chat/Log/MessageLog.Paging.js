import { anchorOf, isAtBottom, offsetOf } from "./MessageLog.Anchor.js";

// Pages load at whichever end of the log the reader comes near, when the server marked that there is more there
// (data-more); the log holds a window of messages, so scrolling back down loads again what scrolling up let go of.
// After a page at one end the other end waits until the reader scrolls towards it: on a tall screen a page at the top
// (letting go of the newest) can leave the reader near the bottom too, and loading there would go back and forth for ever.
const nearPx = 200;

export function attachPaging(log, dotnet) {
    const state = { busy: false, held: null, turned: null, top: log.scrollTop,
        down: document.documentElement.dataset.connection === "down" };
    const top = log.querySelector("[data-log-top]");
    const bottom = log.querySelector("[data-log-bottom]");
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
    log.addEventListener("click", onLoadButton);
    return {
        scrolled() {
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
        },
        connection(up) {
            state.down = !up;
            if (up) {
                // A page asked for while the connection dropped is never answered: ask again.
                if (state.busy) {
                    done();
                }
                load();
            }
        },
        dispose() {
            observer.disconnect();
            log.removeEventListener("click", onLoadButton);
        }
    };
}
