// Voice messages: records the microphone with MediaRecorder (Opus in WebM where the browser can, else Opus in Ogg, else
// whatever it records), shows the time in the composer's recording bar without asking the circuit, and stops by itself
// at the limit. The circuit takes the recording as a stream once it is stopped.
const preferred = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];

export async function start(area, maxMs, dotnet) {
    cancel(area);
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const mimeType = preferred.find(t => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 32000 } : undefined);
    const chunks = [];
    const state = { recorder, stream, chunks, startedAt: performance.now(), stoppedAt: 0, timer: 0, limit: 0 };
    recorder.ondataavailable = e => e.data.size > 0 && chunks.push(e.data);
    state.done = new Promise(resolve => recorder.onstop = resolve);
    recorder.start(1000);
    const clock = area.querySelector("[data-record-timer]");
    state.timer = setInterval(() => {
        if (clock) {
            clock.textContent = format(performance.now() - state.startedAt);
        }
    }, 250);
    state.limit = setTimeout(() => dotnet.invokeMethodAsync("SendRecordingAsync").catch(() => { }), maxMs);
    area.bmRecording = state;
}

/** Stops the recording; its type and length, once the last chunk is in. */
export async function stop(area) {
    const state = area.bmRecording;
    if (!state) {
        return null;
    }
    if (state.recorder.state !== "inactive") {
        state.stoppedAt = performance.now();
        state.recorder.stop();
    }
    end(state);
    await state.done;
    return { type: state.recorder.mimeType || "audio/webm", durationMs: Math.round(state.stoppedAt - state.startedAt) };
}

/** The stopped recording, for the circuit to read as a stream. */
export function take(area) {
    const state = area.bmRecording;
    delete area.bmRecording;
    return new Blob(state?.chunks ?? [], { type: state?.recorder.mimeType || "audio/webm" });
}

export function cancel(area) {
    const state = area.bmRecording;
    delete area.bmRecording;
    if (state) {
        end(state);
        if (state.recorder.state !== "inactive") {
            state.recorder.stop();
        }
    }
}

function end(state) {
    clearInterval(state.timer);
    clearTimeout(state.limit);
    state.stream.getTracks().forEach(t => t.stop());
}

function format(ms) {
    const seconds = Math.floor(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
