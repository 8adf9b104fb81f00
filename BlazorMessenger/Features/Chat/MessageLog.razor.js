// Scrolling for the message log: older pages load when the top comes into view without moving what the reader
// sees, and the log follows new messages only when the reader is already at the bottom.
const nearBottomPx = 48;

export function attach(log, dotnet) {
    const state = { atBottom: true, loading: false, topInView: false };
    const sentinel = log.querySelector("[data-log-top]");
    // The observer only reports changes: a reader still at the top when a page arrives (its position not yet kept)
    // would otherwise wait forever, so each finished load looks again.
    const loadOlder = () => {
        if (!state.topInView || state.loading || log.scrollHeight <= log.clientHeight) {
            return;
        }
        state.loading = true;
        dotnet.invokeMethodAsync("LoadOlderAsync").then(more => {
            state.loading = false;
            if (more) {
                requestAnimationFrame(loadOlder);
            }
        }, () => state.loading = false);
    };
    const observer = new IntersectionObserver(entries => {
        state.topInView = entries[entries.length - 1].isIntersecting;
        loadOlder();
    }, { root: log, rootMargin: "200px 0px 0px 0px" });
    if (sentinel) {
        observer.observe(sentinel);
    }

    const onScroll = () => {
        remember(log);
        const atBottom = isAtBottom(log);
        if (atBottom !== state.atBottom) {
            state.atBottom = atBottom;
            dotnet.invokeMethodAsync("OnAtBottomChanged", atBottom);
        }
    };
    log.addEventListener("scroll", onScroll, { passive: true });
    log.scrollTop = log.scrollHeight;
    // Scrolling does nothing special until now; browser tests and benchmarks wait for this mark.
    log.dataset.ready = "true";
    return { dispose: () => { observer.disconnect(); log.removeEventListener("scroll", onScroll); } };
}

export function isAtBottom(log) {
    return log.scrollHeight - log.scrollTop - log.clientHeight <= nearBottomPx;
}

export function scrollToBottom(log) {
    log.scrollTop = log.scrollHeight;
}

// Where the reader was at their last scroll (or when a load began), kept on the element: a reader who scrolls while
// an older page is on its way keeps their own position, not the one from when the load started.
function remember(log) {
    log.bmPosition = { scrollHeight: log.scrollHeight, scrollTop: log.scrollTop };
    return log.bmPosition;
}

export function measure(log) {
    return remember(log);
}

export function keepPosition(log, before) {
    const last = log.bmPosition ?? before;
    log.scrollTop = log.scrollHeight - last.scrollHeight + last.scrollTop;
    remember(log);
}

export function scrollToSeq(log, seq) {
    const target = log.querySelector(`[data-seq="${seq}"]`);
    if (target) {
        target.scrollIntoView({ block: "center" });
    }
}
