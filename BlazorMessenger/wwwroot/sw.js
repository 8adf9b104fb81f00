// The service worker: an installed app opens to its shell without a network, and a message is notified once per device.
// It stores static files only. A page or an API answer carries someone's messages and is never stored: navigations go
// to the network, and when that fails offline.html says "Connecting…" and reloads once the server answers.
"use strict";

const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;

// One app per scope on an origin (a path base): its caches are named after the scope, so activating deletes only its own.
// Bump the version when offline.html or js/offline.js change; fingerprinted files need no bump.
const CACHE_PREFIX = "bm-shell-";
const CACHE = `${CACHE_PREFIX}v1 ${SCOPE_PATH}`;
const OFFLINE = "offline.html";
const PRECACHE = ["js/offline.js", "favicon.png", "icons/icon-192.png", "icons/icon-512.png",
    "icons/icon-maskable-512.png", "icons/apple-touch-icon.png", "icons/badge-96.png"];

// Routes that answer with someone's data. Checked first: a bot's file path can look like a fingerprinted name.
const PRIVATE = /^(?:_blazor|avatars\/|media\/|files?\/|api\/|bot|hooks\/|account\/)/i;
// MapStaticAssets serves name.{fingerprint}.ext, the fingerprint being 10 characters of [0-9a-z] (the SDK's base-36
// hash), and such a URL never changes content. A digit is required so a plain word (jquery.validation.js) is not taken
// for one; the few fingerprints without a digit are merely not cached.
const FINGERPRINTED = /\.(?=[a-z]*\d)[0-9a-z]{10}(?=\.\w+$)/;
// Shell files under a URL that outlives their content: answered from the cache, refreshed behind it.
const SHELL = /^(?:_framework\/[^/]+\.js|_content\/.+|lib\/emoji\/.+|icons\/[^/]+|favicon\.png|js\/offline\.js)$/;

const at = path => new URL(path, SCOPE).href;

self.addEventListener("install", event => event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // "reload": a new version must not pick up the previous one's files from the HTTP cache.
    await cache.addAll(PRECACHE.map(path => new Request(at(path), { cache: "reload" })));
    await cache.put(at(OFFLINE), await anchored(await fetch(at(OFFLINE), { cache: "reload" })));
    await self.skipWaiting();
})()));

// offline.html answers a failed navigation at any URL (chat/alice, …), where its relative links (script, manifest, icon)
// would miss: a <base> at the scope anchors them. Stored decoded, so only the type and the policy are carried over.
async function anchored(response) {
    if (!response.ok) {
        throw new Error(`${OFFLINE}: HTTP ${response.status}`);
    }
    const html = (await response.text()).replace("<head>", `<head><base href="${SCOPE}">`);
    const headers = new Headers({ "Content-Type": "text/html; charset=utf-8" });
    const policy = response.headers.get("Content-Security-Policy");
    if (policy) {
        headers.set("Content-Security-Policy", policy);
    }
    return new Response(html, { headers });
}

self.addEventListener("activate", event => event.waitUntil((async () => {
    const old = (await caches.keys()).filter(name =>
        name.startsWith(CACHE_PREFIX) && name.endsWith(` ${SCOPE_PATH}`) && name !== CACHE);
    await Promise.all(old.map(name => caches.delete(name)));
    // The page request starts while the worker boots, so a navigation waits for neither.
    await self.registration.navigationPreload?.enable();
    await self.clients.claim();
})()));

self.addEventListener("fetch", event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== location.origin) {
        return;
    }
    if (request.mode === "navigate") {
        event.respondWith(navigate(event));
        return;
    }
    if (url.search || !url.pathname.startsWith(SCOPE_PATH)) {
        return;
    }
    const path = url.pathname.slice(SCOPE_PATH.length);
    if (PRIVATE.test(path)) {
        return;
    }
    if (FINGERPRINTED.test(path)) {
        event.respondWith(fromCache(event, false));
    } else if (SHELL.test(path)) {
        event.respondWith(fromCache(event, true));
    }
    // Anything else (the circuit, avatars, media, the bot API, uncached scripts) is the browser's own business.
});

async function navigate(event) {
    try {
        return (await event.preloadResponse) ?? await fetch(event.request);
    } catch {
        // Only a network failure lands here; the server's own error pages pass through above.
        return (await (await caches.open(CACHE)).match(at(OFFLINE))) ?? Response.error();
    }
}

async function fromCache(event, revalidate) {
    const cache = await caches.open(CACHE);
    // MapStaticAssets varies on Accept-Encoding, and the cache holds the decoded body, right for any encoding.
    const cached = await cache.match(event.request, { ignoreVary: true });
    if (cached && !revalidate) {
        return cached;
    }
    const fetched = fetch(event.request).then(response => {
        // 200 only (the Cache API refuses a 206), and never a redirect's end (a sign-in page is no asset).
        if (response.status === 200 && response.type === "basic" && !response.redirected) {
            event.waitUntil(store(cache, event.request, response.clone()));
        }
        return response;
    });
    if (!cached) {
        return fetched;
    }
    event.waitUntil(fetched.catch(() => undefined));
    return cached;
}

// A new build's file replaces its predecessor (the same name, another fingerprint): the cache does not grow per deploy.
async function store(cache, request, response) {
    await cache.put(request, response);
    if (!FINGERPRINTED.test(request.url)) {
        return;
    }
    const name = request.url.replace(FINGERPRINTED, "");
    for (const old of await cache.keys()) {
        if (old.url !== request.url && FINGERPRINTED.test(old.url) && old.url.replace(FINGERPRINTED, "") === name) {
            await cache.delete(old);
        }
    }
}

// Notifications. One per conversation (its tag), carrying the seq of the last message it shows. The highest seq handled
// per tag is also kept here, set before any await: a push and a page's "show" for the same message can arrive together,
// both before either notification exists, and this map lets only the first through. The open notifications cover the
// rest, as the worker may have been stopped and restarted in between.
const handled = new Map();

function claim(tag, seq) {
    if ((handled.get(tag) ?? -Infinity) >= seq) {
        return false;
    }
    handled.set(tag, seq);
    return true;
}

self.addEventListener("push", event => {
    const payload = event.data?.json();
    if (payload?.type === "message" && claim(payload.tag, payload.seq)) {
        event.waitUntil(showUnlessOnScreen(payload));
    } else if (payload?.type === "read") {
        claim(payload.tag, payload.seq);
        event.waitUntil(closeRead(payload));
    }
});

// A page that can show a notification itself (a hidden tab) hands it here, so it and the push for the same message
// make one notification. The page has already checked that no tab shows the conversation.
self.addEventListener("message", event => {
    const notification = event.data?.type === "show" ? event.data.notification : null;
    if (notification && claim(notification.tag, notification.seq)) {
        event.waitUntil(show(notification));
    }
});

async function showUnlessOnScreen(message) {
    const path = new URL(at(message.url)).pathname;
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    if (!windows.some(w => w.visibilityState === "visible" && new URL(w.url).pathname === path)) {
        await show(message);
    }
}

async function show({ tag, seq, conversationId, title, body, icon, url }) {
    const open = await self.registration.getNotifications({ tag });
    if (open.some(n => (n.data?.seq ?? -Infinity) >= seq)) {
        return;
    }
    await self.registration.showNotification(title, {
        body,
        icon: at(icon ?? "icons/icon-192.png"),
        badge: at("icons/badge-96.png"),
        tag,
        renotify: true,
        data: { conversationId, seq, url: at(url) },
    });
}

// Read up to seq somewhere: what this device shows up to there is old news.
async function closeRead({ tag, seq }) {
    for (const n of await self.registration.getNotifications({ tag })) {
        if ((n.data?.seq ?? -Infinity) <= seq) {
            n.close();
        }
    }
}

// An open tab is reused: the page navigates itself through Blazor's router, which keeps its circuit; a client.navigate
// would reload it.
self.addEventListener("notificationclick", event => {
    event.notification.close();
    const url = event.notification.data?.url ?? SCOPE;
    event.waitUntil((async () => {
        const windows = (await self.clients.matchAll({ type: "window", includeUncontrolled: true }))
            .filter(w => w.url.startsWith(SCOPE));
        const tab = windows.find(w => w.focused) ?? windows.find(w => w.visibilityState === "visible") ?? windows[0];
        if (!tab) {
            await self.clients.openWindow(url);
            return;
        }
        tab.postMessage({ type: "open", url });
        await tab.focus();
    })());
});

// The browser replaced the subscription: an open page sends the new one to the server.
self.addEventListener("pushsubscriptionchange", event => {
    if (event.newSubscription) {
        event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true })
            .then(windows => windows.forEach(w => w.postMessage({ type: "resubscribe" }))));
    }
});
