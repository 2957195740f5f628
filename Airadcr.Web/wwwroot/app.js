// AIRADCR Web: clipboard (copy for RIS, API key), idle sign-out and the worklist's keyboard focus.
window.airadcr = {
    copyText: async function (text) {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            return;
        }
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        document.body.removeChild(area);
    }
};

// Idle sign-out: with no keyboard, pointer or scroll activity for the configured time, post the sign-out form.
(function () {
    let last = Date.now();
    const touch = () => { last = Date.now(); };
    ["keydown", "mousemove", "mousedown", "touchstart", "scroll", "wheel"].forEach(e => window.addEventListener(e, touch, { passive: true }));
    setInterval(() => {
        const form = document.getElementById("logout-form");
        if (!form) { return; }
        const seconds = parseInt(form.dataset.idleSeconds || "0", 10);
        if (seconds > 0 && Date.now() - last > seconds * 1000) {
            form.querySelector("input[name=reason]").value = "idle";
            form.submit();
        }
    }, 1000);
})();

// Worklist keyboard focus stays on the report, not on a position: when a report arrives the rows are rendered again
// (a row can become a placeholder for a moment, or show the report that moved into its place), and the focus goes
// back to the row of the report that had it. Focus given to anything else, or a click outside the rows, ends this.
(function () {
    let tid = null;
    const rowOf = element => element && element.closest ? element.closest(".worklist-row") : null;
    document.addEventListener("focusin", e => { const row = rowOf(e.target); tid = row ? row.dataset.tid : null; });
    document.addEventListener("pointerdown", e => { if (!rowOf(e.target)) { tid = null; } });
    new MutationObserver(() => {
        if (!tid) { return; }
        const active = document.activeElement;
        const activeRow = rowOf(active);
        if (activeRow ? activeRow.dataset.tid === tid : active && active !== document.body) { return; }
        const row = document.querySelector(`.worklist-row[data-tid="${CSS.escape(tid)}"]`);
        if (row) { row.focus({ preventScroll: true }); }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-tid", "tabindex"] });
})();
