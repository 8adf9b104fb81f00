// The outbox: every message the person sent that the server has not confirmed yet. Each one is its own localStorage
// entry (so two tabs of one person never overwrite each other's), kept per user until the server stores it, and so it
// survives reconnects, reloads and server restarts. It drains in order, one message at a time per conversation: a
// message the server asks to wait (the send limit, a server error) holds back the ones after it in its conversation
// only. The client message id makes every re-send store one copy. While the circuit is down nothing is tried; once it
// is back everything goes at once (a send that was in flight when it dropped is tried again, not waited for).
const sendTimeoutMs = 10000;
const retryMs = 2000;
const serverErrorsBeforeNotSent = 5;
const changeListeners = new Set();
let sender = null;
let senderUser = null;
let draining = false;
let drainAgain = false;
let retryTimer = 0;
let suspended = false;
let abandon = null;
const settledWaiters = [];
let ordinal = 0;
let cache = null;

const prefix = user => `bm-out:${user}:`;
const keyOf = entry => `${prefix(entry.user)}${entry.id}`;

/** Ids this page put in the outbox (another tab's show too, but only one's own typing moves the log). */
export const local = new Set();

/** Messages the server just stored, kept shown as pending until the log renders them (no flicker between the two). */
export const confirmed = new Map();

// crypto.randomUUID needs a secure context; a plain-http install on a LAN address is not one.
function newId() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map(x => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function read(key) {
    try {
        return JSON.parse(localStorage.getItem(key));
    } catch {
        return null;
    }
}

function write(entry, notify = true) {
    localStorage.setItem(keyOf(entry), JSON.stringify(entry));
    cache = null;
    if (notify) {
        changed();
    }
}

function drop(entry) {
    localStorage.removeItem(keyOf(entry));
    cache = null;
}

function changed() {
    for (const listener of changeListeners) {
        listener();
    }
}

/** The user's waiting messages (optionally of one conversation), oldest first. */
export function entries(user, conversationId) {
    if (!cache) {
        cache = [];
        for (let i = 0; i < localStorage.length; i++) {
            const key = localStorage.key(i);
            const entry = key?.startsWith("bm-out:") ? read(key) : null;
            if (entry) {
                cache.push(entry);
            }
        }
        cache.sort((a, b) => a.order - b.order);
    }
    return cache.filter(e => e.user === user && (conversationId === undefined || e.conversationId === conversationId));
}

export function onChange(listener) {
    changeListeners.add(listener);
}

/**
 * Keeps the message (trimmed, as the server stores it), then tries to send it. The pending bubble is drawn in the next
 * task, once the send is on the wire: drawing it lays out the whole log, which the message should not wait for.
 */
export function enqueue(user, conversationId, text, replyTo = null) {
    const entry = { id: newId(), user, conversationId, text: text.trim(), replyTo, order: Date.now() + (ordinal++ % 1000) / 1000, error: null };
    local.add(entry.id);
    write(entry, false);
    drain();
    setTimeout(changed, 0);
    return entry;
}

export function retry(user, id) {
    const entry = read(`${prefix(user)}${id}`);
    if (entry) {
        write({ ...entry, error: null, serverErrors: 0 });
        drain();
    }
}

export function remove(user, id) {
    localStorage.removeItem(`${prefix(user)}${id}`);
    cache = null;
    changed();
}

/** The circuit's .NET side: from now on the outbox can send. Called once the page is interactive. */
export function connect(dotnet, user) {
    sender = dotnet;
    senderUser = user;
    drain();
}

export function disconnect(dotnet) {
    if (sender === dotnet) {
        sender = null;
    }
}

/** The circuit's connection dropped: stop trying until it is back (a send in flight may never be answered). */
export function suspend() {
    suspended = true;
    clearTimeout(retryTimer);
    abandon?.();
}

/**
 * The connection is back: sends what waited at once, and resolves once the page has caught up with what it missed
 * (the circuit's components reloading) and nothing is left to send but what the server refused.
 */
export async function reconnected() {
    suspended = false;
    abandon?.();
    const circuit = sender;
    drain();
    await Promise.all([settled(), circuit ? withTimeout(circuit.invokeMethodAsync("CaughtUpAsync")) : null]);
}

function settled() {
    return new Promise(resolve => {
        settledWaiters.push(resolve);
        settle();
    });
}

function settle() {
    if (!sender || !entries(senderUser).some(e => !e.error)) {
        settledWaiters.splice(0).forEach(resolve => resolve());
    }
}

async function withTimeout(promise) {
    let timer = 0;
    try {
        await Promise.race([promise, new Promise(resolve => timer = setTimeout(resolve, sendTimeoutMs))]);
    } catch {
        // The connection dropped again: the next reconnect waits anew.
    } finally {
        clearTimeout(timer);
    }
}

export async function drain() {
    if (!sender || suspended) {
        return;
    }
    if (draining) {
        drainAgain = true;
        return;
    }
    draining = true;
    clearTimeout(retryTimer);
    try {
        do {
            drainAgain = false;
            const waiting = new Set();
            for (const entry of entries(senderUser)) {
                if (entry.error || waiting.has(entry.conversationId) || !localStorage.getItem(keyOf(entry))) {
                    continue;
                }
                const answer = await sendOne(entry);
                if (answer === "again") {
                    drainAgain = true;
                    break;
                }
                if (answer === "unreachable") {
                    if (!suspended) {
                        retryTimer = setTimeout(drain, retryMs);
                    }
                    return;
                }
                if (answer === "later") {
                    waiting.add(entry.conversationId);
                }
            }
            if (waiting.size > 0) {
                retryTimer = setTimeout(drain, retryMs);
            }
        } while (drainAgain);
    } finally {
        draining = false;
        settle();
    }
}

// "stored" or "refused" (done with it), "later" (the server asked to wait), "unreachable" (no answer: try again),
// "again" (the connection came back while it waited for an answer: start over).
async function sendOne(entry) {
    let timer = 0;
    try {
        const timeout = new Promise(resolve => timer = setTimeout(() => resolve(null), sendTimeoutMs));
        const abandoned = new Promise(resolve => abandon = () => resolve("abandoned"));
        const outcome = await Promise.race([sender.invokeMethodAsync("SendAsync", entry.id, entry.conversationId, entry.text, entry.replyTo ?? null), timeout, abandoned]);
        if (outcome === "abandoned") {
            return suspended ? "unreachable" : "again";
        }
        if (!outcome) {
            return "unreachable";
        }
        if (outcome.stored) {
            confirmed.set(entry.id, entry);
            setTimeout(() => confirmed.delete(entry.id) && changed(), 3000);
            drop(entry);
            changed();
            return "stored";
        }
        if (!localStorage.getItem(keyOf(entry))) {
            return "refused";
        }
        // The send limit refills by itself: such a message waits however long it takes; a failing server gets a few tries.
        const serverErrors = (entry.serverErrors ?? 0) + (outcome.serverError ? 1 : 0);
        if (outcome.retryLater || (outcome.serverError && serverErrors < serverErrorsBeforeNotSent)) {
            write({ ...entry, serverErrors }, false);
            return "later";
        }
        write({ ...entry, error: outcome.error || "The server refused this message." });
        return "refused";
    } catch {
        return "unreachable";
    } finally {
        clearTimeout(timer);
        abandon = null;
    }
}

// Another tab of the same person changed the outbox: show it, and help send it.
addEventListener("storage", e => {
    if (e.key === null || e.key.startsWith("bm-out:")) {
        cache = null;
        changed();
        drain();
    }
});
