// Follows the circuit's connection. Reconnected: the outbox sends what waited. Refused by the server (it restarted, or
// dropped the circuit): the page reloads, and the outbox, kept in the browser, is sent from the new page.
import { drain } from "../../Features/Chat/Compose/Composer.Outbox.js";

const banner = document.getElementById("components-reconnect-modal");
const retryMs = 3000;

banner.addEventListener("components-reconnect-state-changed", e => {
    const state = e.detail.state;
    document.documentElement.dataset.connection = state === "hide" ? "up" : "down";
    if (state === "hide") {
        drain();
    } else if (state === "rejected") {
        location.reload();
    } else if (state === "failed") {
        setTimeout(retry, retryMs);
    } else if (state === "paused") {
        resume();
    }
});

async function retry() {
    try {
        if (!await Blazor.reconnect()) {
            await resume();
        }
    } catch {
        setTimeout(retry, retryMs);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) {
            location.reload();
        }
    } catch {
        setTimeout(retry, retryMs);
    }
}
