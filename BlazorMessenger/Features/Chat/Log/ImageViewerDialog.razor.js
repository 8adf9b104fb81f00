// The image viewer's keys and swipes: Left and Right (or a swipe sideways) step through the images, a swipe down closes
// it (Esc is the dialog's own).
const distance = 60;

export function attach(stage, dotnet) {
    let start = null;
    const step = direction => dotnet.invokeMethodAsync("StepAsync", direction);
    const onKey = e => {
        if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
            e.preventDefault();
            step(e.key === "ArrowLeft" ? "previous" : "next");
        }
    };
    const onStart = e => {
        start = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
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
    stage.addEventListener("touchstart", onStart, { passive: true });
    stage.addEventListener("touchend", onEnd);
    // Browser tests wait for this mark before pressing keys or swiping.
    stage.dataset.ready = "true";
    return {
        dispose: () => {
            document.removeEventListener("keydown", onKey, true);
            stage.removeEventListener("touchstart", onStart);
            stage.removeEventListener("touchend", onEnd);
        }
    };
}
