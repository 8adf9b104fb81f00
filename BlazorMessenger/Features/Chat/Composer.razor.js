// Enter sends, Shift+Enter makes a new line (and IME composition is left alone).
export function attach(textArea) {
    const onKeyDown = e => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            textArea.form.requestSubmit();
        }
    };
    textArea.addEventListener("keydown", onKeyDown);
    return { dispose: () => textArea.removeEventListener("keydown", onKeyDown) };
}

export function focus(textArea) {
    textArea.focus();
}
