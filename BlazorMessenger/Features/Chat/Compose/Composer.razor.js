// The composer's interactive half: images dropped on or pasted into it go to its file input, as if chosen with
// "Attach image", and Send with an image attached goes to .NET (the text half is wwwroot/js/composer.js).
import { clearBox } from "../../../js/composer.js";

export function attach(area, dotnet) {
    const input = area.querySelector("input[type=file]");
    const takeFiles = files => {
        const images = [...files].filter(f => f.type.startsWith("image/"));
        if (images.length === 0) {
            return false;
        }
        const transfer = new DataTransfer();
        transfer.items.add(images[0]);
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
    area.bmSendImage = caption => dotnet.invokeMethodAsync("SendImageAsync", caption).then(sent => {
        if (sent) {
            clearBox(area, caption);
        }
    });
    // Until now drops did nothing special and Send ignored an attached image; browser tests wait for this mark.
    area.dataset.ready = "true";
    return {
        dispose: () => {
            delete area.bmSendImage;
            area.removeEventListener("dragover", onDragOver);
            area.removeEventListener("dragleave", onDragLeave);
            area.removeEventListener("drop", onDrop);
            area.removeEventListener("paste", onPaste);
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
