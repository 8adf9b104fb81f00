// Voice messages: records the microphone with MediaRecorder (Opus in WebM where the browser can, else Opus in Ogg, else
// whatever it records), shows the time in the composer's recording bar without asking the circuit, and stops by itself
// at the limit. The circuit takes the recording as a stream once it is stopped; it stays here until sent or cancelled,
// so a failed send can be tried again.
const preferred = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];

export async function start(area, maxMs, dotnet) {
    cancel(area);
    // Claimed before the permission prompt: a Cancel, a second start or leaving while it is up ends this one.
    const state = { chunks: [], startedAt: 0, stoppedAt: 0, timer: 0, limit: 0 };
    area.bmRecording = state;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    state.stream = stream;
    if (area.bmRecording !== state || !area.isConnected) {
        end(state);
        return false;
    }
    try {
        const mimeType = preferred.find(t => MediaRecorder.isTypeSupported(t));
        state.recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 32000 } : undefined);
        state.recorder.ondataavailable = e => e.data.size > 0 && state.chunks.push(e.data);
        state.done = new Promise(resolve => state.recorder.onstop = () => {
            state.stoppedAt ||= performance.now();
            resolve();
        });
        state.recorder.start(1000);
    } catch (e) {
        delete area.bmRecording;
        end(state);
        throw e;
    }
    state.startedAt = performance.now();
    const clock = area.querySelector("[data-record-timer]");
    state.timer = setInterval(() => clock && (clock.textContent = format(performance.now() - state.startedAt)), 250);
    // At the limit the recording stops here and now, whatever the circuit is doing; the circuit then sends it.
    state.limit = setTimeout(() => {
        stopRecorder(state);
        dotnet.invokeMethodAsync("SendRecordingAsync").catch(() => { });
    }, maxMs);
    return true;
}

/** Stops the recording (if it still runs); its type and length, once the last chunk is in. */
export async function stop(area) {
    const state = area.bmRecording;
    if (!state?.recorder) {
        return null;
    }
    stopRecorder(state);
    await state.done;
    return { type: state.recorder.mimeType || "audio/webm", durationMs: Math.max(0, Math.round(state.stoppedAt - state.startedAt)) };
}

/** The stopped recording, for the circuit to read as a stream (kept until sent or cancelled). */
export function take(area) {
    const state = area.bmRecording;
    return new Blob(state?.chunks ?? [], { type: state?.recorder?.mimeType || "audio/webm" });
}

export function cancel(area) {
    const state = area.bmRecording;
    delete area.bmRecording;
    if (state) {
        stopRecorder(state);
    }
}

function stopRecorder(state) {
    if (state.recorder && state.recorder.state !== "inactive") {
        state.stoppedAt = performance.now();
        state.recorder.stop();
    }
    end(state);
}

function end(state) {
    clearInterval(state.timer);
    clearTimeout(state.limit);
    state.stream?.getTracks().forEach(t => t.stop());
}

function format(ms) {
    const seconds = Math.floor(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
