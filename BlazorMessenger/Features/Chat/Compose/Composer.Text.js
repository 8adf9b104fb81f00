// The composer's text lives in the browser. This script runs as soon as the page is parsed, before Blazor is
// interactive, and listens on the document, so it works on the prerendered composer and on every one Blazor renders
// later. Enter (or Send) moves the text into the outbox and empties the box at once: no keystroke waits for the server.
// Drafts are kept per user and conversation; the length limit is checked here as well as on the server.
import * as outbox from "./Composer.Outbox.js";
import * as pending from "../Log/MessageLog.Pending.js";

const draftKey = (user, conversation) => `bm-draft:${user}:${conversation}`;
let lastFocused = null;

function areaOf(target) {
    return target instanceof Element ? target.closest(".bm-composer-area[data-user]") : null;
}

function boxOf(area) {
    return area.querySelector(".bm-composer-input");
}

function send(area) {
    const box = boxOf(area);
    const text = box.value;
    if (!checkLength(area)) {
        box.focus();
        return;
    }
    if (area.dataset.editing) {
        area.bmSaveEdit?.(text);
        return;
    }
    if (area.dataset.attachment === "true") {
        area.bmSendImage?.(text);
        return;
    }
    if (text.trim().length === 0) {
        return;
    }
    // A reply goes once: the mark leaves the box with the text, before the circuit hears of it.
    const [replyTo, token] = (area.dataset.replyTo ?? "").split(":").map(Number);
    delete area.dataset.replyTo;
    outbox.enqueue(area.dataset.user, Number(area.dataset.conversation), text, replyTo || null);
    box.value = "";
    area.dispatchEvent(new CustomEvent("bm-sent", { detail: { replyToken: replyTo ? token : null } }));
    saveDraft(area);
    checkLength(area);
    box.focus();
}

// Shows the count near the limit and a clear message past it; answers whether the text may be sent.
function checkLength(area) {
    const box = boxOf(area);
    const max = Number(area.dataset.maxLength);
    const length = box.value.trim().length;
    const over = length > max;
    const count = area.querySelector("[data-composer-count]");
    const limit = area.querySelector("[data-composer-limit]");
    // Written only when they change: every DOM write wakes the observers, and Enter should reach the server first.
    if (count) {
        setText(count, length > max - 200 ? `${length.toLocaleString("en-US")} / ${max.toLocaleString("en-US")}` : "");
        count.classList.toggle("bm-over", over);
    }
    if (limit) {
        setText(limit, over ? `A message can have at most ${max.toLocaleString("en-US")} characters.` : "");
        if (over) {
            limit.setAttribute("role", "alert");
        } else if (limit.hasAttribute("role")) {
            limit.removeAttribute("role");
        }
    }
    if (box.getAttribute("aria-invalid") !== String(over)) {
        box.setAttribute("aria-invalid", String(over));
    }
    // On a phone the microphone takes Send's place while there is nothing to send (chat.css).
    const empty = String(length === 0);
    if (area.dataset.empty !== empty) {
        area.dataset.empty = empty;
    }
    return !over;
}

function setText(element, text) {
    if (element.textContent !== text) {
        element.textContent = text;
    }
}

function saveDraft(area) {
    if (area.dataset.editing) {
        // The box holds a message being edited; the draft waits in area.bmDraftBeforeEdit.
        return;
    }
    const key = draftKey(area.dataset.user, area.dataset.conversation);
    const text = boxOf(area).value;
    if (text.length > 0) {
        localStorage.setItem(key, text);
    } else {
        localStorage.removeItem(key);
    }
}

// A composer that Blazor just rendered (the interactive one replacing the prerendered one, or another conversation's)
// gets its draft back, and the focus if the one it replaced had it.
function adopt(area) {
    const box = boxOf(area);
    if (!box || box.dataset.adopted) {
        return;
    }
    box.dataset.adopted = "true";
    const draft = localStorage.getItem(draftKey(area.dataset.user, area.dataset.conversation));
    if (draft && box.value.length === 0) {
        box.value = draft;
    }
    checkLength(area);
    if (lastFocused && !lastFocused.isConnected && (document.activeElement === document.body || !document.activeElement)) {
        box.focus();
        box.setSelectionRange(box.value.length, box.value.length);
    }
}

function adoptAll() {
    document.querySelectorAll(".bm-composer-area[data-user]").forEach(adopt);
}

document.addEventListener("keydown", e => {
    const area = areaOf(e.target);
    // A key the mention picker took (Composer.razor.js) is not a send.
    if (area && e.target === boxOf(area) && e.key === "Enter" && !e.shiftKey && !e.isComposing && !e.defaultPrevented) {
        e.preventDefault();
        send(area);
    } else if (area?.dataset.editing && e.target === boxOf(area) && e.key === "Escape" && !e.defaultPrevented) {
        e.preventDefault();
        area.bmCancelEdit?.();
    }
});

document.addEventListener("click", e => {
    const button = e.target instanceof Element ? e.target.closest("[data-composer-send]") : null;
    const area = button && areaOf(button);
    if (area) {
        e.preventDefault();
        send(area);
    }
});

document.addEventListener("input", e => {
    const area = areaOf(e.target);
    if (area && e.target === boxOf(area)) {
        adopt(area);
        saveDraft(area);
        checkLength(area);
    }
});

document.addEventListener("focusin", e => {
    if (e.target instanceof Element && e.target.matches(".bm-composer-input")) {
        lastFocused = e.target;
    }
});

// A composer Blazor just rendered gets its draft (and the focus) at once, before the next keystroke can reach it, and a
// pending bubble goes as soon as its stored message appears. New pending bubbles wait for a later task, not a
// microtask: a message just sent goes out (SignalR sends in microtasks) before drawing them lays out the log.
let queued = false;
new MutationObserver(() => {
    adoptAll();
    pending.prune();
    if (!queued) {
        queued = true;
        setTimeout(() => {
            queued = false;
            pending.render();
        }, 0);
    }
}).observe(document.documentElement, { childList: true, subtree: true });
outbox.onChange(pending.render);
document.documentElement.classList.add("bm-composer-ready");
adoptAll();
pending.render();

// The circuit's side: OutboxSender connects once the page is interactive; an image sent with a caption clears the box.
export { connect, disconnect, drain } from "./Composer.Outbox.js";

/** Empties the box after an image went with this caption; what was typed since stays. */
export function clearBox(area, caption) {
    const box = boxOf(area);
    box.value = box.value.startsWith(caption) ? box.value.slice(caption.length).trimStart() : box.value;
    area.dispatchEvent(new CustomEvent("bm-sent", { detail: { replyToken: null } }));
    saveDraft(area);
    checkLength(area);
}

/** Editing one's message in place (Composer.Edit.cs): the box takes its text; the draft waits until the edit ends. */
export function startEdit(area, text) {
    const box = boxOf(area);
    if (!area.dataset.editing) {
        area.bmDraftBeforeEdit = box.value;
    }
    area.dataset.editing = "true";
    box.value = text;
    checkLength(area);
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
}

/** The edit was saved or given up: the draft comes back. */
export function endEdit(area) {
    const box = boxOf(area);
    delete area.dataset.editing;
    box.value = area.bmDraftBeforeEdit ?? "";
    delete area.bmDraftBeforeEdit;
    checkLength(area);
    box.focus();
}
