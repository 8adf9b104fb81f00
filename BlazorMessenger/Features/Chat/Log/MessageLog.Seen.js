import { isAtBottom } from "./MessageLog.Anchor.js";

// Tells the server what a person has seen: the newest message shown while the tab is visible, connected and at the
// bottom (see ReaderPosition). A report that fails (the connection is down) is forgotten, so the next look after the
// reconnect reports again. At most one report per interval: each is a database write, and a busy conversation would
// otherwise write per message.
const seenReportIntervalMs = 250;

export function attachSeen(log, dotnet) {
    let reported = 0;
    let reportedAt = -Infinity;
    let later = 0;
    const report = () => {
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
                report();
            }, wait);
            return;
        }
        reported = newest;
        reportedAt = performance.now();
        dotnet.invokeMethodAsync("MarkSeenAsync", newest).catch(() => reported = 0);
    };
    document.addEventListener("visibilitychange", report);
    return {
        report,
        // A report on its way when the connection dropped may never be answered: report again once it is back.
        reconnected() {
            reported = 0;
            report();
        },
        dispose() {
            clearTimeout(later);
            document.removeEventListener("visibilitychange", report);
        }
    };
}
