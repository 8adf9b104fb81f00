import { attachActions } from "./MessageLog.Actions.js";
import { hold, isAtBottom, anchorOf, reveal } from "./MessageLog.Anchor.js";
import { attachMedia } from "./MessageLog.Media.js";
import { attachPaging } from "./MessageLog.Paging.js";
import { attachSeen } from "./MessageLog.Seen.js";

// The message log's script (a log already removed, when someone switched quickly, arrives as null). Its jobs, one
// module each: pages at either end (Paging) without moving what the reader sees (Anchor), what the reader has seen
// (Seen), the bubbles' buttons and long press (Actions), and seeking in voice notes (Media). This module wires them,
// follows new messages only when the reader is already at the bottom, and answers the server's scrolling calls.
export function attach(log, dotnet, startAt) {
    let atBottom = true;
    const paging = attachPaging(log, dotnet);
    const seen = attachSeen(log, dotnet);
    const parts = [paging, seen, attachActions(log, dotnet), attachMedia(log)];
    // After the frame: measuring the log right as a message is inserted would force a layout the arrival then waits for.
    // A page arriving at either end keeps the reader's message in place before the browser paints (keepPosition, after
    // the server hears the page was shown, would come a round trip later: a visible jump on a slow network).
    // A reader at the newest stays there when something grows: reactions or an image above it, the pinned bar or the
    // composer taking height from the log. (The log's overflow-anchor is off: paging anchors by itself, see Anchor.) Not
    // while the log holds an older stretch only: newer pages load at its end, and each would pull the reader on.
    const bottom = log.querySelector("[data-log-bottom]");
    const growth = new ResizeObserver(() => {
        if (atBottom && !log.bmAnchor && bottom.dataset.more !== "true" && !isAtBottom(log, 1)) {
            log.scrollTop = log.scrollHeight;
        }
    });
    growth.observe(log);
    [...log.children].forEach(child => growth.observe(child));
    const arrivals = new MutationObserver(changes => {
        hold(log);
        changes.forEach(change => change.addedNodes.forEach(node => node.nodeType === 1 && growth.observe(node)));
        requestAnimationFrame(seen.report);
    });
    arrivals.observe(log, { childList: true });
    const connection = document.getElementById("components-reconnect-modal");
    const onConnection = e => {
        const up = e.detail.state === "hide";
        if (up) {
            seen.reconnected();
        }
        paging.connection(up);
    };
    connection?.addEventListener("components-reconnect-state-changed", onConnection);
    // Whether the reader is at the bottom (the log follows new messages then); data-at-bottom says what the server knows.
    const tellAtBottom = value => {
        atBottom = value;
        log.toggleAttribute("data-scrolled-up", !value);
        dotnet.invokeMethodAsync("OnAtBottomChanged", value).then(() => log.dataset.atBottom = value, () => { });
    };
    const onScroll = () => {
        paging.scrolled();
        if (isAtBottom(log) !== atBottom) {
            tellAtBottom(!atBottom);
        }
        seen.report();
    };
    log.addEventListener("scroll", onScroll, { passive: true });
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
    seen.report();
    // Scrolling does nothing special until now; browser tests and benchmarks wait for this mark.
    log.dataset.ready = "true";
    return {
        dispose: () => {
            parts.forEach(part => part.dispose());
            arrivals.disconnect();
            growth.disconnect();
            connection?.removeEventListener("components-reconnect-state-changed", onConnection);
            log.removeEventListener("scroll", onScroll);
        }
    };
}

export function scrollToBottom(log) {
    if (!log) {
        return null;
    }
    log.scrollTop = log.scrollHeight;
    log.bmRelease?.();
}

// Notes the message at the edge away from where the page will go (see MessageLog.Anchor.js).
export function measure(log, fromBottom) {
    if (!log) {
        return null;
    }
    log.bmAnchor = anchorOf(log, fromBottom);
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
