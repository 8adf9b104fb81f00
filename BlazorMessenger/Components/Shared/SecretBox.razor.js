// Copying must happen in the click itself (Safari allows the clipboard only there), not after a trip to the server.
export function attach(root) {
    const onClick = e => {
        const button = e.target.closest?.("[data-copy]");
        if (button) {
            navigator.clipboard?.writeText(button.dataset.copy).catch(() => { });
        }
    };
    root.addEventListener("click", onClick);
    return { dispose: () => root.removeEventListener("click", onClick) };
}
