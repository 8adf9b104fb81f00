// Voice notes in the log: the app's own player per note (MessageBubble.razor), one listener set for all of them. Play
// pauses any other note; the slider follows and seeks (its arrow keys too); the speed goes 1× → 1.5× → 2× and back.
// A recorded WebM voice note carries no length, and Chrome cannot seek in it until it has read it to the end once: ask
// for the end, then go back to the start (the player then knows the length and seeks).
const rates = [1, 1.5, 2];

export function attachMedia(log) {
    const onClick = e => {
        const player = e.target.closest?.("[data-voice-player]");
        const audio = player?.querySelector("audio");
        if (!audio) {
            return;
        }
        if (e.target.closest("[data-voice-play]")) {
            if (audio.paused) {
                log.querySelectorAll("audio[data-voice]").forEach(other => other !== audio && other.pause());
                audio.play().catch(() => { });
            } else {
                audio.pause();
            }
        } else if (e.target.closest("[data-voice-rate]")) {
            const next = rates[(rates.indexOf(audio.playbackRate) + 1) % rates.length];
            audio.playbackRate = next;
            const button = player.querySelector("[data-voice-rate]");
            button.textContent = `${next}×`;
            button.setAttribute("aria-label", `Playback speed ${next}×`);
        }
    };
    const onInput = e => {
        const seek = e.target.closest?.("[data-voice-seek]");
        const audio = seek?.closest("[data-voice-player]").querySelector("audio");
        if (audio && isFinite(audio.duration)) {
            audio.currentTime = Number(seek.value);
        }
    };
    const onMedia = e => {
        const audio = e.target;
        if (!(audio instanceof HTMLAudioElement)) {
            return;
        }
        if (e.type === "loadedmetadata" && audio.duration === Infinity) {
            audio.addEventListener("durationchange", () => audio.currentTime = 0, { once: true });
            audio.currentTime = 1e101;
            return;
        }
        show(audio);
    };
    const mediaEvents = ["loadedmetadata", "durationchange", "timeupdate", "play", "pause", "ended"];
    log.addEventListener("click", onClick);
    log.addEventListener("input", onInput);
    mediaEvents.forEach(type => log.addEventListener(type, onMedia, true));
    return {
        dispose: () => {
            log.removeEventListener("click", onClick);
            log.removeEventListener("input", onInput);
            mediaEvents.forEach(type => log.removeEventListener(type, onMedia, true));
        }
    };
}

// The note's state on its player: playing or not, the slider, the time (elapsed while playing, else the length).
function show(audio) {
    const player = audio.closest("[data-voice-player]");
    if (!player) {
        return;
    }
    const length = isFinite(audio.duration) ? audio.duration : null;
    const playing = !audio.paused && !audio.ended;
    const play = player.querySelector("[data-voice-play]");
    const seek = player.querySelector("[data-voice-seek]");
    const time = player.querySelector("[data-voice-time]");
    const total = length === null ? time.dataset.length ?? time.textContent : clock(length);
    time.dataset.length = total;
    player.toggleAttribute("data-playing", playing);
    play.setAttribute("aria-label", `${playing ? "Pause" : "Play"} voice message, ${total}`);
    if (length !== null) {
        seek.max = String(length);
    }
    seek.value = String(audio.ended ? 0 : audio.currentTime);
    seek.setAttribute("aria-valuetext", `${clock(audio.currentTime)} of ${total}`);
    time.textContent = playing || audio.currentTime > 0 && !audio.ended ? clock(audio.currentTime) : total;
}

const clock = seconds => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;
