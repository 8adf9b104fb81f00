// The composer's interactive half: images dropped on or pasted into it go to its file input, as if chosen with
// "Attach a file or image", and Send with a file attached goes to .NET (the text half is Composer.Text.js).
import { clearBox } from "./Composer.Text.js";

export { startEdit, endEdit } from "./Composer.Text.js";

export function attach(area, dotnet) {
    const input = area.querySelector("input[type=file]");
    const takeFiles = files => {
        if (files.length === 0) {
            return false;
        }
        const transfer = new DataTransfer();
        transfer.items.add(files[0]);
        input.files = transfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        return true;
    };
    const onDragOver = e => {
        if ([...e.dataTransfer.items].some(i => i.kind === "file")) {
            e.preventDefault();
            area.classList.add("bm-dropping");
        }
    };
    const onDragLeave = () => area.classList.remove("bm-dropping");
    const onDrop = e => {
        area.classList.remove("bm-dropping");
        if (takeFiles(e.dataTransfer.files)) {
            e.preventDefault();
        }
    };
    const onPaste = e => {
        if (e.clipboardData && takeFiles(e.clipboardData.files)) {
            e.preventDefault();
        }
    };
    area.addEventListener("dragover", onDragOver);
    area.addEventListener("dragleave", onDragLeave);
    area.addEventListener("drop", onDrop);
    area.addEventListener("paste", onPaste);
    const stopMentions = watchMentions(area, dotnet);
    const stopTyping = watchTyping(area, dotnet);
    area.bmSendImage = caption => dotnet.invokeMethodAsync("SendAttachmentAsync", caption).then(sent => {
        if (sent) {
            clearBox(area, caption);
        }
    });
    area.bmSaveEdit = text => dotnet.invokeMethodAsync("SaveEditAsync", text);
    area.bmCancelEdit = () => dotnet.invokeMethodAsync("CancelEditAsync");
    // Until now drops did nothing special and Send ignored an attached image; browser tests wait for this mark.
    area.dataset.ready = "true";
    return {
        dispose: () => {
            delete area.bmSendImage;
            delete area.bmSaveEdit;
            delete area.bmCancelEdit;
            area.removeEventListener("dragover", onDragOver);
            area.removeEventListener("dragleave", onDragLeave);
            area.removeEventListener("drop", onDrop);
            area.removeEventListener("paste", onPaste);
            stopMentions();
            stopTyping();
        }
    };
}

// The tray shows the picked (or pasted, or dropped) image itself, read in the browser: nothing is uploaded before Send.
export function showPreview(area) {
    const input = area.querySelector("input[type=file]");
    const img = area.querySelector("[data-attachment-preview]");
    const file = input?.files?.[0];
    if (!img || !file) {
        return;
    }
    if (area.bmPreviewUrl) {
        URL.revokeObjectURL(area.bmPreviewUrl);
    }
    area.bmPreviewUrl = URL.createObjectURL(file);
    img.src = area.bmPreviewUrl;
}

// The others see "… is typing…": while text is being typed into the box, report it at most every 3 seconds (the
// server forgets a typist 5 seconds after their last report, or at once when their message arrives: so the first key
// of the next message reports again). Emptying the box reports nothing.
const typingReportIntervalMs = 3000;

function watchTyping(area, dotnet) {
    const box = area.querySelector(".bm-composer-input");
    let reportedAt = -Infinity;
    const onInput = () => {
        const now = performance.now();
        if (box.value.trim().length === 0 || now - reportedAt < typingReportIntervalMs) {
            return;
        }
        reportedAt = now;
        dotnet.invokeMethodAsync("ReportTypingAsync").catch(() => reportedAt = -Infinity);
    };
    const onSent = e => {
        reportedAt = -Infinity;
        if (e.detail?.replyToken) {
            dotnet.invokeMethodAsync("ReplySent", e.detail.replyToken).catch(() => { });
        }
    };
    box.addEventListener("input", onInput);
    area.addEventListener("bm-sent", onSent);
    return () => {
        box.removeEventListener("input", onInput);
        area.removeEventListener("bm-sent", onSent);
    };
}

// What follows an "@" that starts a word, up to the caret: the picker's query (null when the caret is not in one).
const mentionBeforeCaret = /(?:^|[\s(])@([\p{L}\p{N}_.]{0,32})$/u;

function mentionQuery(box) {
    const match = mentionBeforeCaret.exec(box.value.slice(0, box.selectionStart ?? box.value.length));
    return match ? match[1] : null;
}

// Tells the circuit what to narrow the picker to (after typing, a click or a caret move), and while it is open (the
// composer says so in data-mention-open) and the caret is still in a mention, keeps the keys that steer it from moving
// the caret, sending or leaving the box: the arrows and Escape go to the circuit, Enter and Tab take the selected option
// here and now. A box emptied by Send reports when the key is released or the box
// takes the focus back.
function watchMentions(area, dotnet) {
    const box = area.querySelector(".bm-composer-input");
    let query = null;
    const report = () => {
        const next = mentionQuery(box);
        if (next !== query) {
            query = next;
            dotnet.invokeMethodAsync("OnMentionQuery", next);
        }
    };
    const steer = e => {
        if (area.dataset.mentionOpen !== "true" || e.isComposing || e.shiftKey || mentionQuery(box) === null) {
            return;
        }
        const chosen = chosenMention(area, mentionQuery(box));
        if ((e.key === "Enter" || e.key === "Tab") && chosen) {
            e.preventDefault();
            insertMention(box, chosen.dataset.username);
        } else if (["ArrowDown", "ArrowUp", "Escape"].includes(e.key)) {
            e.preventDefault();
            dotnet.invokeMethodAsync("OnMentionKey", e.key);
        }
    };
    box.addEventListener("input", report);
    box.addEventListener("click", report);
    box.addEventListener("keyup", report);
    box.addEventListener("focus", report);
    box.addEventListener("keydown", steer);
    return () => {
        box.removeEventListener("input", report);
        box.removeEventListener("click", report);
        box.removeEventListener("keyup", report);
        box.removeEventListener("focus", report);
        box.removeEventListener("keydown", steer);
    };
}

// The option Enter or Tab takes. The picker may not have caught up with the last keys yet (it shows the choices for
// "@b" while the box says "@bob"): then the best of its options for what is typed now, ranked as Mentions.Match ranks
// (none when none matches, as the picker will soon show none), never a stale selection.
function chosenMention(area, query) {
    const list = area.querySelector("[role=listbox][data-query]");
    const options = list ? [...list.querySelectorAll("[role=option]")] : [];
    if (list?.dataset.query === query) {
        return options.find(o => o.getAttribute("aria-selected") === "true") ?? null;
    }
    const typed = query.toLowerCase();
    const rank = o => {
        const names = [o.dataset.username.toLowerCase(), (o.dataset.name ?? "").toLowerCase()];
        return names.some(n => n.startsWith(typed)) ? 1 : names.some(n => n.includes(typed)) ? 2 : 3;
    };
    const best = Math.min(3, ...options.map(rank));
    return best < 3 ? options.find(o => rank(o) === best) : null;
}

// Replaces the "@" and what follows it before the caret with "@username ", as typing would.
export function insertMention(textArea, userName) {
    const caret = textArea.selectionStart ?? textArea.value.length;
    const match = /@[\p{L}\p{N}_.]{0,32}$/u.exec(textArea.value.slice(0, caret));
    textArea.setRangeText(`@${userName} `, match ? caret - match[0].length : caret, caret, "end");
    textArea.dispatchEvent(new Event("input", { bubbles: true }));
    textArea.focus();
}

export function focus(textArea) {
    textArea.focus();
}

// Puts text where the caret is (replacing any selection), as typing would: the input event keeps the draft.
export function insertAtCaret(textArea, text) {
    const start = textArea.selectionStart ?? textArea.value.length;
    const end = textArea.selectionEnd ?? start;
    textArea.setRangeText(text, start, end, "end");
    textArea.dispatchEvent(new Event("input", { bubbles: true }));
    textArea.focus();
}

// The phone's attach menu picks a file through the composer's own file input (the click is still the person's).
export function chooseFile(area) {
    area.querySelector(".bm-attach input[type=file]")?.click();
}
