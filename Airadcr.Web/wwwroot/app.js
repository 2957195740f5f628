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

// Upload page (/upload): every chosen or dropped file (folders walked, ZIPs as they are) goes to POST /uploads on its
// own request, three at a time, with its progress bar and the overall one; the answer adds one row per instance
// (stored, duplicate, rejected + reason, a preview of each new series). A file that failed on the network or the
// server gets a Retry button. Listeners sit on the document: the page may arrive by enhanced navigation.
(function () {
    const files = [];
    let running = 0;
    const zone = () => document.getElementById("upload-zone");
    const text = key => (zone() && zone().dataset["text" + key]) || key;
    const token = () => { const input = document.querySelector("input[name=__RequestVerificationToken]"); return input ? input.value : ""; };
    const counts = { stored: 0, duplicate: 0, rejected: 0 };

    function updateOverall() {
        const total = files.reduce((sum, f) => sum + f.file.size, 0);
        const loaded = files.reduce((sum, f) => sum + (f.done ? f.file.size : f.loaded), 0);
        const overall = document.getElementById("upload-overall");
        if (overall) { overall.value = total > 0 ? loaded / total : 0; }
        const summary = document.getElementById("upload-summary");
        if (summary) {
            summary.textContent = text("Summary").replace("{0}", counts.stored).replace("{1}", counts.duplicate).replace("{2}", counts.rejected);
            summary.dataset.done = String(files.length > 0 && files.every(f => f.done || f.failed));
        }
    }

    function addResults(answer) {
        const body = document.querySelector("#upload-results tbody");
        for (const result of answer.results) {
            counts[result.outcome] = (counts[result.outcome] || 0) + 1;
            const row = body.insertRow();
            row.className = "upload-result";
            row.dataset.outcome = result.outcome;
            row.insertCell().textContent = result.name;
            row.insertCell().textContent = text(result.outcome.charAt(0).toUpperCase() + result.outcome.slice(1));
            row.insertCell().textContent = result.reason || "";
            const preview = row.insertCell();
            if (result.preview) {
                const image = document.createElement("img");
                image.src = result.preview;
                image.alt = "";
                image.className = "upload-preview";
                preview.appendChild(image);
            }
        }
    }

    function send(entry) {
        running++;
        entry.failed = false;
        entry.state.textContent = "…";
        const xhr = new XMLHttpRequest();
        xhr.open("POST", "/uploads");
        xhr.setRequestHeader("RequestVerificationToken", token());
        xhr.setRequestHeader("X-File-Name", encodeURIComponent(entry.name));
        xhr.setRequestHeader("Content-Type", "application/octet-stream");
        xhr.upload.onprogress = e => { entry.loaded = e.loaded; entry.bar.value = e.total ? e.loaded / e.total : 0; updateOverall(); };
        const fail = why => {
            entry.failed = true;
            entry.state.textContent = text("Failed") + " (" + why + ") ";
            const retry = document.createElement("button");
            retry.type = "button";
            retry.className = "upload-retry";
            retry.textContent = text("Retry");
            retry.onclick = () => { retry.remove(); entry.loaded = 0; queue(entry); };
            entry.state.appendChild(retry);
        };
        xhr.onload = () => {
            running--;
            if (xhr.status === 200) {
                entry.done = true;
                entry.bar.value = 1;
                entry.state.textContent = "✓";
                addResults(JSON.parse(xhr.responseText));
            } else {
                fail("HTTP " + xhr.status);
            }
            updateOverall();
            next();
        };
        xhr.onerror = () => { running--; fail("network"); updateOverall(); next(); };
        xhr.send(entry.file);
    }

    const waiting = [];
    function queue(entry) { waiting.push(entry); next(); }
    function next() { while (running < 3 && waiting.length > 0) { send(waiting.shift()); } }

    function add(file, name) {
        const body = document.querySelector("#upload-files-table tbody");
        if (!body) { return; }
        const row = body.insertRow();
        row.className = "upload-file";
        row.insertCell().textContent = name;
        const bar = document.createElement("progress");
        bar.max = 1;
        bar.value = 0;
        row.insertCell().appendChild(bar);
        const state = row.insertCell();
        const entry = { file, name, bar, state, loaded: 0, done: false, failed: false };
        files.push(entry);
        updateOverall();
        queue(entry);
    }

    function walk(entry, path) {
        if (entry.isFile) {
            entry.file(file => add(file, path + file.name));
        } else if (entry.isDirectory) {
            const reader = entry.createReader();
            const read = () => reader.readEntries(children => {
                if (children.length === 0) { return; }
                children.forEach(child => walk(child, path + entry.name + "/"));
                read();
            });
            read();
        }
    }

    document.addEventListener("change", e => {
        if (e.target.id === "upload-files" || e.target.id === "upload-folder") {
            Array.from(e.target.files).forEach(file => add(file, file.webkitRelativePath || file.name));
            e.target.value = "";
        }
    });
    document.addEventListener("dragover", e => { if (e.target.closest && e.target.closest("#upload-zone")) { e.preventDefault(); } });
    document.addEventListener("drop", e => {
        if (!(e.target.closest && e.target.closest("#upload-zone"))) { return; }
        e.preventDefault();
        const items = Array.from(e.dataTransfer.items || []);
        if (items.length > 0 && items[0].webkitGetAsEntry) {
            items.map(item => item.webkitGetAsEntry()).filter(Boolean).forEach(entry => walk(entry, ""));
        } else {
            Array.from(e.dataTransfer.files).forEach(file => add(file, file.name));
        }
    });
})();
