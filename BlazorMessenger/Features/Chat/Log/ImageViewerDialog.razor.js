// The image viewer's keys, swipes and zoom: Left and Right (or a swipe sideways) step through the images, Esc or a swipe
// down closes it; + and − (or the zoom buttons, or a double click) zoom, and a zoomed picture is
// moved about by scrolling its frame (a drag on a touch screen). A new picture starts fitted again.
const distance = 60;
const levels = [1, 1.5, 2, 3, 4];

export function attach(stage, dotnet) {
    let start = null;
    let level = 0;
    const frame = stage.querySelector("[data-zoom-frame]");
    const buttons = stage.closest(".bm-viewer-body").querySelectorAll("[data-zoom]");
    const step = direction => dotnet.invokeMethodAsync("StepAsync", direction);
    const zoom = to => {
        const image = frame.querySelector("img");
        to = Math.max(0, Math.min(levels.length - 1, to));
        if (!image || to === level && to !== 0) {
            return;
        }
        // The middle of what is shown stays in the middle.
        const middle = { x: (frame.scrollLeft + frame.clientWidth / 2) / frame.scrollWidth, y: (frame.scrollTop + frame.clientHeight / 2) / frame.scrollHeight };
        level = to;
        if (level === 0) {
            frame.removeAttribute("data-zoomed");
            image.style.width = "";
        } else {
            const fitted = Math.min(frame.clientWidth, frame.clientHeight * image.naturalWidth / image.naturalHeight);
            frame.setAttribute("data-zoomed", "");
            image.style.width = `${Math.round(fitted * levels[level])}px`;
            frame.scrollLeft = middle.x * frame.scrollWidth - frame.clientWidth / 2;
            frame.scrollTop = middle.y * frame.scrollHeight - frame.clientHeight / 2;
        }
        // A button that can go no further gives its focus to the other one (a disabled button would drop it).
        for (const button of buttons) {
            const off = button.dataset.zoom === "out" ? level === 0 : level === levels.length - 1;
            if (off && document.activeElement === button) {
                [...buttons].find(b => b !== button)?.focus();
            }
            button.disabled = off;
        }
    };
    zoom(0);
    // A new picture (previous, next) replaces the img: it starts fitted.
    const replaced = new MutationObserver(() => zoom(0));
    replaced.observe(frame, { childList: true });
    const onClick = e => {
        const button = e.target.closest?.("[data-zoom]");
        if (button) {
            zoom(level + (button.dataset.zoom === "in" ? 1 : -1));
        }
    };
    const onDoubleClick = e => e.target.closest?.(".bm-viewer-image") && zoom(level === 0 ? 2 : 0);
    const onKey = e => {
        if (e.key === "Escape") {
            // Wherever the focus is (MudBlazor hears Esc only inside the dialog, which may not have the focus yet).
            e.preventDefault();
            e.stopPropagation();
            step("close");
        } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
            if (level === 0) {
                e.preventDefault();
                step(e.key === "ArrowLeft" ? "previous" : "next");
            }
        } else if ((e.key === "+" || e.key === "=" || e.key === "-") && !e.ctrlKey && !e.metaKey && !e.altKey) {
            e.preventDefault();
            zoom(level + (e.key === "-" ? -1 : 1));
        }
    };
    const onStart = e => {
        start = e.touches.length === 1 && level === 0 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
    };
    const onEnd = e => {
        if (!start || e.changedTouches.length !== 1) {
            return;
        }
        const dx = e.changedTouches[0].clientX - start.x;
        const dy = e.changedTouches[0].clientY - start.y;
        start = null;
        if (dy > distance && dy > Math.abs(dx)) {
            step("close");
        } else if (Math.abs(dx) > distance && Math.abs(dx) > Math.abs(dy)) {
            step(dx < 0 ? "next" : "previous");
        }
    };
    document.addEventListener("keydown", onKey, true);
    const body = stage.closest(".bm-viewer-body");
    body.addEventListener("click", onClick);
    stage.addEventListener("dblclick", onDoubleClick);
    stage.addEventListener("touchstart", onStart, { passive: true });
    stage.addEventListener("touchend", onEnd);
    // Browser tests wait for this mark before pressing keys or swiping.
    stage.dataset.ready = "true";
    return {
        dispose: () => {
            document.removeEventListener("keydown", onKey, true);
            body.removeEventListener("click", onClick);
            stage.removeEventListener("dblclick", onDoubleClick);
            replaced.disconnect();
            stage.removeEventListener("touchstart", onStart);
            stage.removeEventListener("touchend", onEnd);
        }
    };
}
