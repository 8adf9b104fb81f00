// Remembers the theme in a cookie so the server can render it before any script runs.
window.bmTheme = {
    save: function (mode) {
        var value = mode === "dark" ? "dark" : "light";
        document.cookie = "bm-theme=" + value + "; path=/; max-age=31536000; samesite=lax";
    }
};
