// AIRADCR Web: clipboard (copy for RIS, API key) and idle sign-out.
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
