// Browser notifications. Turned on per browser from the settings page (the page never asks by itself). Every tab
// hears each new message from its circuit; a notification is shown only when no tab of this browser has the
// conversation open and visible, and only once: tabs publish what they show in localStorage, and the one tab that
// gets the message's Web Lock shows it. A conversation's notification replaces its previous one (same tag).
// With the service worker (wwwroot/sw.js) the tab shows it through the worker, which also shows the pushes that come
// while no tab is open: it shows each message once per device, whichever way it came first. Each tab also tells its
// circuit what it shows, so the server pushes nothing while one of the person's tabs shows the conversation.
import { pushedHere, worker } from "../Push/BrowserPush.js";
import { chime } from "./Chime.js";

export { closeRead } from "../Push/BrowserPush.js";

const enabledKey = "bm-notify:on";
const soundKey = "bm-notify:sound";
const claimPrefix = "bm-notified:";
const tabPrefix = "bm-tab:";
const tabFreshMs = 30000;
const heartbeatMs = 10000;
const claimHoldMs = 60000;
const tabKey = tabPrefix + (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
const listeners = new Set();
let started = false;
let hidden = false;
let told = "";

const supported = () => "Notification" in window && !!navigator.locks;

/** What the settings page shows: whether this browser can, may and will notify, and whether it plays a sound. */
export function state() {
    const permission = supported() ? Notification.permission : "unsupported";
    return {
        supported: supported(),
        permission,
        enabled: permission === "granted" && localStorage.getItem(enabledKey) === "1",
        sound: localStorage.getItem(soundKey) === "1",
    };
}

/** Asks the browser for permission (from a click on "Enable notifications") and turns notifications on if given. */
export async function enable() {
    if (supported() && (await Notification.requestPermission()) === "granted") {
        localStorage.setItem(enabledKey, "1");
    }
    changed();
    return state();
}

export function disable() {
    localStorage.removeItem(enabledKey);
    changed();
    return state();
}

export function setSound(on) {
    if (on) {
        localStorage.setItem(soundKey, "1");
    } else {
        localStorage.removeItem(soundKey);
    }
    return state();
}

function changed() {
    const enabled = state().enabled;
    for (const dotnet of listeners) {
        dotnet.invokeMethodAsync("SetEnabled", enabled).catch(() => { });
    }
}

/** The circuit's notifier: told when notifications are turned on or off (here or in another tab). Answers whether they are on. */
export function start(dotnet) {
    listeners.add(dotnet);
    if (!started) {
        started = true;
        document.addEventListener("visibilitychange", viewing);
        addEventListener("pagehide", () => {
            hidden = true;
            localStorage.removeItem(tabKey);
        });
        addEventListener("pageshow", () => {
            hidden = false;
            viewing();
        });
        // The browser replaced its push subscription: the circuit sends the new one to the server.
        worker()?.addEventListener("message", e => {
            if (e.data?.type === "resubscribe") {
                listeners.forEach(dotnet => dotnet.invokeMethodAsync("Resubscribe").catch(() => { }));
            }
        });
        addEventListener("storage", e => {
            if (e.key === enabledKey || e.key === null) {
                changed();
            }
        });
        setInterval(viewing, heartbeatMs);
    }
    // A new circuit (after a restart, say) knows nothing yet: it is told, whatever the others were.
    told = "";
    viewing();
    return state().enabled;
}

export function stop(dotnet) {
    listeners.delete(dotnet);
}

/** This tab shows another address, or became visible or hidden: the other tabs must know (not once it is leaving). */
export function viewing() {
    const visible = !hidden && document.visibilityState === "visible";
    const page = relativePath();
    if (told !== `${visible}:${page}`) {
        told = `${visible}:${page}`;
        for (const dotnet of listeners) {
            dotnet.invokeMethodAsync("Viewing", page, visible).catch(() => { });
        }
    }
    if (hidden) {
        return;
    }
    localStorage.setItem(tabKey, JSON.stringify({ path: location.pathname, visible, at: Date.now() }));
}

/** This page's address as the server writes a conversation's ("chat/alice"): relative to the app's base. */
function relativePath() {
    const base = new URL(document.baseURI).pathname;
    return location.pathname.startsWith(base) ? location.pathname.slice(base.length) : location.pathname.replace(/^\//, "");
}

function seenInSomeTab(path) {
    if (document.visibilityState === "visible" && location.pathname === path) {
        return true;
    }
    for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (!key?.startsWith(tabPrefix) || key === tabKey) {
            continue;
        }
        try {
            const tab = JSON.parse(localStorage.getItem(key));
            if (Date.now() - tab.at > tabFreshMs) {
                localStorage.removeItem(key);
            } else if (tab.visible && tab.path === path) {
                return true;
            }
        } catch {
            localStorage.removeItem(key);
        }
    }
    return false;
}

/** Shows the message's notification unless a tab shows the conversation or another tab already notified it. */
export async function show(n) {
    if (!state().enabled) {
        return;
    }
    const href = new URL(n.href, document.baseURI);
    if (seenInSomeTab(href.pathname)) {
        return;
    }
    // The claim is a Web Lock named after the message, kept for a while by the tab that got it: the browser grants it
    // to one tab only (localStorage alone is not enough, other tabs may see a write late). A tab that hears of the
    // message after that finds the localStorage mark instead. The call returns once decided, not when the claim ends.
    const claim = `${claimPrefix}${n.conversationId}:${n.seq}`;
    const pushes = await pushedHere();
    return new Promise(decided => {
        navigator.locks.request(claim, { ifAvailable: true }, lock => {
            const shown = lock !== null && !localStorage.getItem(claim) && notify(n, href, claim, pushes);
            decided();
            return shown ? new Promise(release => setTimeout(release, claimHoldMs)) : undefined;
        }).catch(decided);
    });
}

function notify(n, href, claim, pushes) {
    forgetOldClaims();
    localStorage.setItem(claim, String(Date.now()));
    if (pushes) {
        // The worker shows it, once per device whichever of this and the push comes first, and handles the click.
        pushes.postMessage({
            type: "show",
            notification: { type: "message", tag: n.tag, conversationId: n.conversationId, seq: n.seq, title: n.title, body: n.body, icon: n.icon, url: n.href },
        });
        if (state().sound) {
            chime();
        }
        return true;
    }
    let note;
    try {
        note = new Notification(n.title, {
            body: n.body,
            icon: new URL(n.icon, document.baseURI).href,
            tag: n.tag,
            renotify: true,
            silent: true,
        });
    } catch {
        // Some browsers (Chrome on Android) only show notifications from a service worker: nothing to show here.
        return false;
    }
    note.onclick = () => {
        window.focus();
        window.Blazor?.navigateTo(href.pathname + href.search);
        note.close();
    };
    if (state().sound) {
        chime();
    }
    return true;
}

function forgetOldClaims() {
    for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (key?.startsWith(claimPrefix) && Date.now() - Number(localStorage.getItem(key)) > 60000) {
            localStorage.removeItem(key);
        }
    }
}
