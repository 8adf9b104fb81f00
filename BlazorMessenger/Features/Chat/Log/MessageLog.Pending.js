// Pending messages in the open log: each outbox entry of the shown conversation appears at once at the end of the log,
// with a clock ("Sending") or, when the server refused it, "Not sent" with the reason and Retry / Delete. The log's
// [data-pending] element is rendered empty by Blazor and filled only here.
import * as outbox from "../Compose/Composer.Outbox.js";

const clock = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16Zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7V7Z"/></svg>';

export function render() {
    const container = document.querySelector(".bm-log [data-pending]");
    if (!container) {
        return;
    }
    const log = container.closest(".bm-log");
    const user = container.dataset.user;
    const conversationId = Number(container.dataset.conversation);
    const stored = id => log.querySelector(`[data-seq][data-client-id="${id}"]`) !== null;
    const shown = [...outbox.entries(user, conversationId), ...[...outbox.confirmed.values()].filter(e => e.user === user && e.conversationId === conversationId)]
        .filter(e => !stored(e.id));
    const signature = shown.map(e => `${e.id}:${e.error ?? ""}`).join("|");
    if (container.dataset.signature === signature) {
        return;
    }
    // Only one's own new message moves the reader down; another tab's appearing must not (the bottom would mark all read).
    const added = shown.some(e => outbox.local.has(e.id) && !container.querySelector(`[data-client-id="${e.id}"]`));
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight <= 48;
    container.dataset.signature = signature;
    container.replaceChildren(...shown.map(e => bubble(e)));
    if (added || atBottom) {
        log.scrollTop = log.scrollHeight;
    }
}

/** Removes, at once, each pending bubble whose stored message the log now shows: the two are never seen together. */
export function prune() {
    const container = document.querySelector(".bm-log [data-pending]");
    if (!container || container.childElementCount === 0) {
        return;
    }
    const log = container.closest(".bm-log");
    for (const row of [...container.children]) {
        if (log.querySelector(`[data-seq][data-client-id="${row.dataset.clientId}"]`)) {
            row.remove();
        }
    }
}

function bubble(entry) {
    const row = element("div", "bm-msg bm-mine bm-msg-pending");
    row.dataset.clientId = entry.id;
    const paper = element("div", "mud-paper mud-elevation-0 bm-bubble");
    paper.append(element("span", "bm-sr-only", "You:"), element("div", "bm-body", entry.text));
    const meta = element("div", "bm-meta");
    if (entry.error) {
        const failed = element("div", "bm-not-sent");
        failed.setAttribute("role", "alert");
        failed.append(element("strong", "", "Not sent"), document.createTextNode(`: ${entry.error}`));
        const retry = button("Retry", () => outbox.retry(entry.user, entry.id));
        const remove = button("Delete", () => outbox.remove(entry.user, entry.id));
        meta.append(failed, retry, remove);
    } else {
        const status = element("span", "bm-sending");
        status.setAttribute("role", "img");
        status.setAttribute("aria-label", "Sending");
        status.title = "Sending";
        status.innerHTML = clock;
        meta.append(status, element("span", "bm-waiting", " waiting for the connection"));
    }
    paper.append(meta);
    row.append(paper);
    return row;
}

function button(label, onClick) {
    const b = element("button", "bm-pending-action", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
}

function element(tag, className, text) {
    const e = document.createElement(tag);
    e.className = className;
    if (text !== undefined) {
        e.textContent = text;
    }
    return e;
}
