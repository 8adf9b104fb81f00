// Enter sends, Shift+Enter makes a new line (IME composition is left alone). Images dropped on or pasted into the
// composer go to its file input, as if chosen with "Attach image".
export function attach(area, textArea) {
    const input = area.querySelector("input[type=file]");
    const onKeyDown = e => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            textArea.form.requestSubmit();
        }
    };
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
    textArea.addEventListener("keydown", onKeyDown);
    area.addEventListener("dragover", onDragOver);
    area.addEventListener("dragleave", onDragLeave);
    area.addEventListener("drop", onDrop);
    area.addEventListener("paste", onPaste);
    // Until now Enter and drops did nothing special; browser tests wait for this mark before typing or dropping.
    area.dataset.ready = "true";
    return {
        dispose: () => {
            textArea.removeEventListener("keydown", onKeyDown);
            area.removeEventListener("dragover", onDragOver);
            area.removeEventListener("dragleave", onDragLeave);
            area.removeEventListener("drop", onDrop);
            area.removeEventListener("paste", onPaste);
        }
    };
}

export function focus(textArea) {
    textArea.focus();
}

// Puts text where the caret is (replacing any selection) and tells Blazor the value changed.
export function insertAtCaret(textArea, text) {
    const start = textArea.selectionStart ?? textArea.value.length;
    const end = textArea.selectionEnd ?? start;
    textArea.setRangeText(text, start, end, "end");
    textArea.dispatchEvent(new Event("input", { bubbles: true }));
    textArea.focus();
}
