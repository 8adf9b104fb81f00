// Follows the circuit's connection. Down: "Connecting…", and the outbox holds what is sent. Back: the outbox sends at
// once, a link followed meanwhile opens, and the banner says "Updating…" until the page has caught up and the outbox is
// sent. Refused by the server (it restarted, or dropped the circuit): the page reloads (or loads the link that waited),
// and the outbox, kept in the browser, is sent from the new page.
import { reconnected, suspend } from "../../Features/Chat/Compose/Composer.Outbox.js";
import { follow, pendingHref } from "./ConnectionBanner.Links.js";

const banner = document.getElementById("components-reconnect-modal");
const retryMs = 3000;
const updating = "bm-connection-updating";
let generation = 0;

banner.addEventListener("components-reconnect-state-changed", e => {
    const state = e.detail.state;
    const up = state === "hide";
    const wasDown = document.documentElement.dataset.connection === "down";
    document.documentElement.dataset.connection = up ? "up" : "down";
    generation++;
    banner.classList.remove(updating);
    if (up) {
        if (wasDown) {
            catchUp(generation);
        }
    } else {
        suspend();
    }
    if (state === "rejected") {
        const href = pendingHref();
        href ? location.assign(href) : location.reload();
    } else if (state === "failed") {
        setTimeout(retry, retryMs);
    } else if (state === "paused") {
        resume();
    }
});

async function catchUp(run) {
    banner.classList.add(updating);
    follow();
    try {
        await reconnected();
    } finally {
        if (run === generation) {
            banner.classList.remove(updating);
        }
    }
}

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
