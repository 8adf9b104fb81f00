// A short two-note chime made on the spot: no sound file to fetch.
export function chime() {
    try {
        const audio = new AudioContext();
        [660, 880].forEach((frequency, i) => {
            const tone = audio.createOscillator();
            const gain = audio.createGain();
            const at = audio.currentTime + i * 0.12;
            tone.frequency.value = frequency;
            gain.gain.setValueAtTime(0.15, at);
            gain.gain.exponentialRampToValueAtTime(0.001, at + 0.25);
            tone.connect(gain).connect(audio.destination);
            tone.start(at);
            tone.stop(at + 0.25);
        });
        setTimeout(() => audio.close(), 1000);
    } catch {
        // No audio in this browser: the notification still shows.
    }
}
