// While the circuit is down, a click on a link inside the app would make Blazor load the page from the network, and
// the browser would replace the app with its error page. Instead the app stays: a link to the page already shown does
// nothing, any other shows a panel over the main pane (the conversation's name, "opens when the connection is back")
// and opens once the connection is back. Esc or Back closes the panel. On a phone, a chat's Back shows the list the page
// already has (html[data-offline-view]), and the home page loads once the connection is back.
const panel = document.getElementById("bm-waiting-link");
const title = document.getElementById("bm-waiting-link-name");
const text = panel.querySelector(".bm-waiting-link-text");
const home = () => new URL(document.baseURI).href;
let waiting = null;

const isDown = () => document.documentElement.dataset.connection === "down";

addEventListener("click", e => {
    if (!isDown() || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.defaultPrevented) {
        return;
    }
    if (e.target.closest?.(".bm-back")) {
        e.preventDefault();
        e.stopImmediatePropagation();
        document.documentElement.dataset.offlineView = "list";
        close();
        return;
    }
    const link = e.target.closest?.("a[href]");
    if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self") || panel.contains(link)) {
        return;
    }
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || samePage(url, new URL(location.href)) && url.hash) {
        return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    if (samePage(url, new URL(location.href))) {
        delete document.documentElement.dataset.offlineView;
        close();
    } else if (samePage(url, new URL(home())) && document.documentElement.dataset.offlineView) {
        close();
    } else {
        open(url.href, link.querySelector(".bm-conversation-name")?.textContent ?? link.getAttribute("aria-label") ?? link.textContent);
    }
}, true);

addEventListener("keydown", e => {
    if (waiting && e.key === "Escape") {
        e.preventDefault();
        e.stopImmediatePropagation();
        close();
    }
}, true);

panel.querySelector(".bm-waiting-link-back").addEventListener("click", close);
addEventListener("resize", () => waiting && place());

const samePage = (a, b) => a.pathname === b.pathname && a.search === b.search;

function open(href, name) {
    waiting = href;
    const isChat = /^\/(chat|group)\//i.test(new URL(href).pathname);
    title.textContent = (name ?? "").trim() || "This page";
    panel.hidden = false;
    place();
    text.textContent = isChat ? "This chat opens when the connection is back." : "This page opens when the connection is back.";
    panel.focus();
}

function close() {
    waiting = document.documentElement.dataset.offlineView ? home() : null;
    panel.hidden = true;
    text.textContent = "";
}

// Over the main pane; on a phone's home screen, where the list fills the screen, over all of the app.
function place() {
    const main = document.querySelector(".bm-main")?.getBoundingClientRect();
    const box = main && main.width >= 2 ? main : document.querySelector(".bm-shell").getBoundingClientRect();
    Object.assign(panel.style, { top: `${box.top}px`, left: `${box.left}px`, width: `${box.width}px`, height: `${box.height}px` });
}

/** The connection is back: opens the link that waited, and takes the panel away once the new page has rendered. */
export function follow() {
    const href = waiting;
    if (!href) {
        return;
    }
    waiting = null;
    const main = document.querySelector(".bm-main");
    const done = () => {
        observer.disconnect();
        if (!waiting) {
            panel.hidden = true;
            text.textContent = "";
            delete document.documentElement.dataset.offlineView;
        }
    };
    const observer = new MutationObserver(done);
    if (main) {
        observer.observe(main, { childList: true, subtree: true });
    }
    setTimeout(done, 3000);
    Blazor.navigateTo(href);
}

/** Where a reload should go: the link that waited, if any. */
export const pendingHref = () => waiting;
