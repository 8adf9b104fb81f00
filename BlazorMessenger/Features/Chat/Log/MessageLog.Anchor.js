// Scroll anchoring for the message log: the message at one edge of the view and how far it stands from the log's top,
// taken when a page is asked for (and again as the reader scrolls while it loads). Afterwards that message is put back
// where they saw it, whatever arrived or went at either end. The edge is the one away from where messages may go: the
// top when older ones arrive (the newest go), the bottom when newer ones do.
const nearBottomPx = 48;

export function isAtBottom(log, withinPx = nearBottomPx) {
    return log.scrollHeight - log.scrollTop - log.clientHeight <= withinPx;
}

export function anchorOf(log, fromBottom) {
    const view = log.getBoundingClientRect();
    const shown = [...log.querySelectorAll(".bm-log > [data-seq]")];
    const element = fromBottom
        ? shown.findLast(e => e.getBoundingClientRect().top < view.bottom)
        : shown.find(e => e.getBoundingClientRect().bottom > view.top);
    return { element, fromBottom, offset: element ? offsetOf(log, element) : 0 };
}

// How far an element stands from the top of the log's view (0 for one that is gone).
export function offsetOf(log, element) {
    return element?.isConnected ? element.getBoundingClientRect().top - log.getBoundingClientRect().top : 0;
}

// Puts the anchored message back where the reader saw it.
export function hold(log) {
    const anchor = log.bmAnchor;
    if (anchor?.element?.isConnected) {
        log.scrollTop += offsetOf(log, anchor.element) - anchor.offset;
    }
}

// Scrolls only the log (scrollIntoView would scroll the page too, sliding the log under the app bar).
export function reveal(log, element, block) {
    const offset = element.getBoundingClientRect().top - log.getBoundingClientRect().top;
    const room = block === "center" ? (log.clientHeight - element.offsetHeight) / 2 : 8;
    log.scrollTop += offset - room;
}
