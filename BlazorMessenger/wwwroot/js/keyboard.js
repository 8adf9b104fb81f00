// Keyboard use of the whole app. A plain script, so it works from the first paint, before the circuit is connected;
// only the "?" help dialog needs the circuit.
//   Ctrl/Cmd+K        focus the conversation filter
//   Alt+Up / Alt+Down open the previous / next conversation
//   Up / Down         move through a list marked data-arrow-nav (from its text box into its items and back; from the
//                     message log itself to its newest message)
//   ?                 the keyboard shortcuts dialog
//   Esc               closes a menu opened with the mouse (dialogs and the emoji picker close themselves)
// None of them while a dialog, viewer or picker is open.
(function () {
    var help = null;
    window.bmKeyboard = {
        listen: function (dotNetRef) {
            help = dotNetRef;
        }
    };

    function typing(element) {
        return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
    }

    function openNeighbourConversation(step) {
        // The open conversation is read from the address, not the highlighted row: a row is highlighted only once the
        // circuit has rendered the navigation, and a quick second press must not miss it.
        var rows = Array.prototype.slice.call(document.querySelectorAll(".bm-conversation"));
        var index = rows.findIndex(function (row) {
            return row.pathname === location.pathname;
        });
        var next = index < 0 ? rows[step > 0 ? 0 : rows.length - 1] : rows[index + step];
        if (next) {
            next.click();
            next.focus({ preventScroll: false });
        }
        return !!next;
    }

    function moveInList(target, step) {
        var list = target.closest && target.closest("[data-arrow-nav]");
        if (!list) {
            return false;
        }
        var items = Array.prototype.slice.call(list.querySelectorAll("[data-arrow-item]"));
        var box = list.querySelector("input");
        var index = items.indexOf(target.closest("[data-arrow-item]"));
        var next;
        if (target === list) {
            next = step < 0 ? items[items.length - 1] : items[0];
        } else if (index < 0 && target !== box) {
            return false;
        } else {
            next = index < 0 ? (step > 0 ? items[0] : null) : items[index + step] || (index === 0 && step < 0 ? box : null);
        }
        if (next) {
            next.focus();
        }
        return !!next;
    }

    // The topmost open dialog or viewer (modal), or picker or panel (not modal), if any.
    function openOne(selector) {
        var open = document.querySelectorAll(selector);
        for (var i = open.length - 1; i >= 0; i--) {
            if (open[i].checkVisibility()) {
                return open[i];
            }
        }
        return null;
    }

    document.addEventListener("keydown", function (e) {
        var modifier = e.ctrlKey || e.metaKey;
        var vertical = e.key === "ArrowUp" || e.key === "ArrowDown";
        var step = e.key === "ArrowDown" ? 1 : -1;
        var shortcut = (modifier && !e.altKey && !e.shiftKey && (e.key === "k" || e.key === "K")) || (e.altKey && !modifier && vertical)
            || (e.key === "?" && !modifier && !e.altKey && !typing(e.target));
        var modal = openOne(".mud-dialog-container");
        // While one is open the page's shortcuts wait; nothing reaches the page behind a modal one.
        if ((shortcut && (modal || openOne('[role="dialog"]'))) || (modal && !modal.contains(e.target) && e.key !== "Escape" && e.key !== "Tab")) {
            e.preventDefault();
            return;
        }
        if (modifier && !e.altKey && !e.shiftKey && (e.key === "k" || e.key === "K")) {
            var filter = document.getElementById("conversation-filter");
            if (filter && filter.checkVisibility()) {
                e.preventDefault();
                filter.focus();
                filter.select();
            }
        } else if (e.altKey && !modifier && vertical) {
            if (openNeighbourConversation(step)) {
                e.preventDefault();
            }
        } else if (!e.altKey && !modifier && !e.shiftKey && vertical) {
            if (moveInList(e.target, step)) {
                e.preventDefault();
            }
        } else if (e.key === "Escape" && e.target.matches && e.target.matches('[aria-haspopup="menu"][aria-expanded="true"]')) {
            // A menu opened with the mouse or a tap leaves the focus on its button, where MudBlazor does not hear Esc:
            // close it the way the button opened it. (Opened from the keyboard, the focus is in the menu, which closes
            // itself.)
            e.preventDefault();
            e.target.click();
        } else if (e.key === "?" && !modifier && !e.altKey && !typing(e.target) && help) {
            e.preventDefault();
            help.invokeMethodAsync("Show");
        }
    });

    // "Skip to message box": focus it without Blazor's navigation or a scroll of the page.
    document.addEventListener("click", function (e) {
        var skip = e.target.closest && e.target.closest(".bm-skip");
        var box = skip && document.querySelector(".bm-composer-input");
        if (box) {
            e.preventDefault();
            e.stopPropagation();
            box.focus({ preventScroll: true });
        }
    }, true);
})();
