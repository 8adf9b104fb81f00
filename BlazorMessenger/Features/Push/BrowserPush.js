// This browser's service worker (wwwroot/sw.js, registered by js/site.js) and its push subscription, for the circuit
// (BrowserPush.cs) and the notifier (Notifier.js).
export const worker = () => ("serviceWorker" in navigator ? navigator.serviceWorker : null);

/**
 * The service worker's registration once it is active, or null (no worker in this browser, or none within 5 s). The
 * page registers it a few seconds after loading; subscribing sooner registers it now (registering again is harmless).
 */
async function activeRegistration() {
    const sw = worker();
    if (!sw) {
        return null;
    }
    await sw.register(new URL("sw.js", document.baseURI), { scope: new URL("./", document.baseURI).pathname }).catch(() => null);
    return Promise.race([sw.ready, new Promise(resolve => setTimeout(() => resolve(null), 5000))]);
}

/** The registration as it is now, without waiting: null before the page has registered its worker. */
const currentRegistration = async () => (await worker()?.getRegistration().catch(() => null)) ?? null;

const base64Url = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/**
 * Subscribes this browser for push with the server's VAPID key (renewing a subscription made for another key) and
 * answers PushSubscription.toJSON(), or { error } when the browser has no push service or it refused.
 */
export async function subscribe(vapidKey) {
    try {
        const reg = await activeRegistration();
        if (!reg?.pushManager) {
            return { error: "this browser has no push service here" };
        }
        let subscription = await reg.pushManager.getSubscription();
        const key = subscription?.options.applicationServerKey;
        if (subscription && (!key || base64Url(key) !== vapidKey)) {
            await subscription.unsubscribe();
            subscription = null;
        }
        subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidKey });
        return subscription.toJSON();
    } catch (e) {
        return { error: e?.message || String(e) };
    }
}

/** Unsubscribes this browser; answers the endpoint it had, for the server to forget. */
export async function unsubscribe() {
    const subscription = await (await currentRegistration())?.pushManager?.getSubscription().catch(() => null);
    if (!subscription) {
        return null;
    }
    await subscription.unsubscribe().catch(() => { });
    return subscription.endpoint;
}

export async function endpoint() {
    return (await (await currentRegistration())?.pushManager?.getSubscription().catch(() => null))?.endpoint ?? null;
}

/** The service worker, when this browser gets pushes (the same message may then come as a push too); else null. */
export async function pushedHere() {
    const controller = worker()?.controller;
    const subscribed = controller && await worker().getRegistration().then(r => r?.pushManager?.getSubscription()).catch(() => null);
    return subscribed ? controller : null;
}

/** The conversation was read up to seq (here or elsewhere): its notification on this device goes. */
export async function closeRead(tag, seq) {
    const reg = await currentRegistration();
    for (const note of (await reg?.getNotifications({ tag }).catch(() => [])) ?? []) {
        if ((note.data?.seq ?? 0) <= seq) {
            note.close();
        }
    }
}
