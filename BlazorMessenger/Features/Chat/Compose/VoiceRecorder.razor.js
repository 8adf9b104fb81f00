// Voice messages (VoiceRecorder.razor): records the microphone with MediaRecorder (Opus in WebM where the browser can,
// else Opus in Ogg, else whatever it records), shows the time in the recording bar without asking the circuit, and
// stops by itself at the limit. The circuit takes the recording as a stream once it is stopped; it stays here until sent or cancelled,
// so a failed send can be tried again. Each recording lives on its component's element (the holder); one whose element
// left the page before the component could cancel it (the page moved on) is ended by the next cancel.
const recordings = new Set();
const preferred = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];

export async function start(holder, maxMs, dotnet) {
    cancel(holder);
    // Claimed before the permission prompt: a Cancel, a second start or leaving while it is up ends this one.
    const state = { chunks: [], startedAt: 0, stoppedAt: 0, timer: 0, limit: 0 };
    holder.bmRecording = state;
    state.holder = holder;
    recordings.add(state);
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    state.stream = stream;
    if (holder.bmRecording !== state || !holder.isConnected) {
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
        delete holder.bmRecording;
        end(state);
        throw e;
    }
    state.startedAt = performance.now();
    const clock = holder.querySelector("[data-record-timer]");
    state.timer = setInterval(() => clock && (clock.textContent = format(performance.now() - state.startedAt)), 250);
    // At the limit the recording stops here and now, whatever the circuit is doing; the circuit then sends it.
    state.limit = setTimeout(() => {
        stopRecorder(state);
        dotnet.invokeMethodAsync("SendAsync").catch(() => { });
    }, maxMs);
    return true;
}

/** Stops the recording (if it still runs); its type and length, once the last chunk is in. */
export async function stop(holder) {
    const state = holder.bmRecording;
    if (!state?.recorder) {
        return null;
    }
    stopRecorder(state);
    await state.done;
    return { type: state.recorder.mimeType || "audio/webm", durationMs: Math.max(0, Math.round(state.stoppedAt - state.startedAt)) };
}

/** The stopped recording, for the circuit to read as a stream (kept until sent or cancelled). */
export function take(holder) {
    const state = holder.bmRecording;
    return new Blob(state?.chunks ?? [], { type: state?.recorder?.mimeType || "audio/webm" });
}

export function cancel(holder) {
    const state = holder?.bmRecording;
    if (holder) {
        delete holder.bmRecording;
    }
    for (const other of recordings) {
        if (other === state || !other.holder.isConnected) {
            stopRecorder(other);
        }
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
    recordings.delete(state);
    clearInterval(state.timer);
    clearTimeout(state.limit);
    state.stream?.getTracks().forEach(t => t.stop());
}

function format(ms) {
    const seconds = Math.floor(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
