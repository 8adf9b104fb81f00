// One listener for the buttons of every bubble (data-act: its actions, its quote, its image, a reaction) rather than a
// handler per button, which the server would keep per message; and a long press on a phone (its context menu) or a right
// click opens the message's actions, as other messengers do. On a touch screen without hover a tap on the bubble does
// too: there the actions button takes no room (chat.css).
const touchOnly = matchMedia("(hover: none)");

export function attachActions(log, dotnet) {
    const onClick = e => {
        const button = e.target.closest?.("[data-act]");
        const message = button?.closest(".bm-msg[data-seq]");
        if (message && log.contains(message)) {
            dotnet.invokeMethodAsync("ActAsync", Number(message.dataset.seq), button.dataset.act, button.dataset.emoji ?? null).catch(() => { });
        } else if (!button && touchOnly.matches && e.target.closest?.(".bm-bubble")) {
            openActions(e);
        }
    };
    log.addEventListener("click", onClick);
    log.addEventListener("contextmenu", openActions);
    return {
        dispose() {
            log.removeEventListener("click", onClick);
            log.removeEventListener("contextmenu", openActions);
        }
    };
}

// Not on a link, a picture or a player, and not over selected text, which keep the browser's own menu.
function openActions(e) {
    const message = e.target.closest?.(".bm-msg[data-seq]");
    const button = message?.querySelector(".bm-msg-actions");
    const selection = getSelection();
    if (!button || e.target.closest("a, img, audio, button, input, summary") || (selection?.toString() && selection.containsNode(message, true))) {
        return;
    }
    e.preventDefault();
    button.click();
}
