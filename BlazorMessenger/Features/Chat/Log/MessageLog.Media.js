// A recorded WebM voice note carries no length, and Chrome cannot seek in it until it has read it to the end once: ask
// for the end, then go back to the start (the player then knows the length and seeks).
export function attachMedia(log) {
    log.addEventListener("loadedmetadata", seekable, true);
    return { dispose: () => log.removeEventListener("loadedmetadata", seekable, true) };
}

function seekable(e) {
    const audio = e.target;
    if (!(audio instanceof HTMLAudioElement) || audio.duration !== Infinity) {
        return;
    }
    audio.addEventListener("durationchange", () => audio.currentTime = 0, { once: true });
    audio.currentTime = 1e101;
}
