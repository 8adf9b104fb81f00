// The log's one actions menu: placed beside the button that opened it (kept on screen), focus on its first item, the
// arrow keys move between items, Escape or Tab or a click elsewhere closes it, and the focus goes back to that button.
export function open(menu, log, seq, opened, dotnet) {
    const opener = log.querySelector(`.bm-msg[data-seq="${seq}"] .bm-msg-actions`) ?? log;
    const items = () => [...menu.querySelectorAll("[role=menuitem]:not([disabled])")];
    const rowOf = () => [...menu.querySelectorAll("[data-reaction-row] button")].filter(b => !b.closest(".bm-emoji-panel"));
    // Beside the bubble when the button takes no room (a phone, where a tap on the bubble opened it).
    const visible = opener.getBoundingClientRect().width > 1;
    place(menu, visible ? opener : opener.closest(".bm-msg")?.querySelector(".bm-bubble") ?? opener);
    (menu.querySelector("[data-first]") ?? items()[0])?.focus();
    let closed = false;
    const close = (returnFocus, tell = true) => {
        if (closed) {
            return;
        }
        closed = true;
        dispose();
        if (tell) {
            dotnet.invokeMethodAsync("CloseAsync", opened).catch(() => { });
        }
        if (returnFocus && opener.isConnected) {
            opener.focus();
        } else if (returnFocus) {
            // The message went (deleted): the reader goes on from where it was.
            (log.querySelector(`.bm-msg[data-seq="${seq}"]`) ?? log).focus({ preventScroll: true });
        }
    };
    // Up and down go through the items, the row of reactions counting as one stop (left and right move within it);
    // a letter goes to the next item that starts with it.
    const stops = () => {
        const row = rowOf();
        return [...(row.length ? [row[0]] : []), ...items()];
    };
    const onKey = e => {
        const active = document.activeElement;
        if (active?.closest(".bm-emoji-panel")) {
            // The picker's own keys (it closes itself on Escape).
            return;
        }
        const inRow = active?.closest("[data-reaction-row]") && !active.closest(".bm-emoji-panel");
        if (e.key === "Escape" && !e.defaultPrevented) {
            e.preventDefault();
            close(true);
        } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            const list = stops();
            const at = inRow ? 0 : list.indexOf(active);
            list[(at + (e.key === "ArrowDown" ? 1 : list.length - 1)) % list.length]?.focus();
        } else if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && inRow) {
            e.preventDefault();
            const row = rowOf();
            const i = row.indexOf(active);
            row[(i + (e.key === "ArrowRight" ? 1 : row.length - 1)) % row.length].focus();
        } else if (e.key === "Tab") {
            close(false);
        } else if (e.key.length === 1 && /\p{L}/u.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey && !e.target.matches("input")) {
            const list = stops();
            const from = list.indexOf(active);
            const next = [...list.slice(from + 1), ...list.slice(0, from + 1)]
                .find(i => i.textContent.trim().toLowerCase().startsWith(e.key.toLowerCase()));
            next?.focus();
        }
    };
    const onPointer = e => {
        if (!menu.contains(e.target) && !opener.contains(e.target)) {
            close(false);
        }
    };
    // The reader scrolling elsewhere closes it; the log scrolling by itself (a new message) does not.
    const onWheel = e => {
        if (!(e.target instanceof Node) || !menu.contains(e.target)) {
            close(false);
        }
    };
    const onResize = () => opener.isConnected ? place(menu, opener) : close(false);
    menu.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer, true);
    document.addEventListener("wheel", onWheel, { capture: true, passive: true });
    document.addEventListener("touchmove", onWheel, { capture: true, passive: true });
    addEventListener("resize", onResize);
    const dispose = () => {
        menu.removeEventListener("keydown", onKey);
        document.removeEventListener("pointerdown", onPointer, true);
        document.removeEventListener("wheel", onWheel, { capture: true });
        document.removeEventListener("touchmove", onWheel, { capture: true });
        removeEventListener("resize", onResize);
    };
    // Copying must happen in the click itself (Safari allows the clipboard only there), not after a trip to the server.
    const onCopy = e => {
        const item = e.target.closest?.("[data-copy]");
        if (item) {
            navigator.clipboard?.writeText(item.dataset.copy).catch(() => { });
        }
    };
    menu.addEventListener("click", onCopy);
    return { dispose: () => { closed = true; dispose(); menu.removeEventListener("click", onCopy); }, close: () => close(true, false) };
}

/** Below the button, or above it when there is no room; never past the window's edges. */
function place(menu, opener) {
    const margin = 8;
    menu.style.maxHeight = `${innerHeight - 2 * margin}px`;
    const anchor = opener.getBoundingClientRect();
    const box = menu.getBoundingClientRect();
    let top = anchor.bottom + 4;
    if (top + box.height > innerHeight - margin) {
        top = Math.max(margin, anchor.top - box.height - 4);
    }
    let left = opener.closest(".bm-mine") ? anchor.right - box.width : anchor.left;
    left = Math.min(Math.max(margin, left), innerWidth - box.width - margin);
    menu.style.top = `${top}px`;
    menu.style.left = `${left}px`;
    menu.style.visibility = "visible";
}
