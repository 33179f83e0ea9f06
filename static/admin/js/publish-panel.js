// The publish panel: the checklist as the article is typed (the server's own rules, asked of
// the unsaved form), autosave to the server every few seconds with a copy in the browser until
// the server has it, and the offer to restore what was being typed when the page opens again.
"use strict";
(function () {
  const panel = document.getElementById("publish-panel");
  const form = document.getElementById("article_form");
  if (!panel || !form) return;
  const FIELDS = ["title", "slug", "lead", "body", "source"];
  const STORE = "newsroom-autosave:";
  const token = (form.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  const stateLine = document.getElementById("autosave-state");

  function editor() {
    return window.CKEDITOR && window.CKEDITOR.instances && window.CKEDITOR.instances.id_body;
  }
  function readFields() {
    const fields = {};
    FIELDS.forEach((name) => {
      const input = form.elements[name];
      fields[name] = input ? input.value : "";
    });
    const body = editor();
    if (body && body.status === "ready") fields.body = body.getData();
    return fields;
  }
  function writeFields(fields) {
    FIELDS.forEach((name) => {
      const input = form.elements[name];
      if (!input || fields[name] === undefined) return;
      if (name === "body" && editor()) editor().setData(fields.body);
      else input.value = fields[name];
    });
  }
  function same(a, b) {
    const words = (text) => String(text || "").replace(/\s+/g, " ").trim();
    return FIELDS.every((name) => words(a[name]) === words(b[name]));
  }
  function debounce(fn, wait) {
    let timer = null;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
  }
  function post(url, body, headers) {
    return fetch(url, {
      method: "POST",
      body,
      headers: Object.assign({ "X-CSRFToken": token }, headers || {}),
      credentials: "same-origin",
      keepalive: true,
    });
  }
  function isJson(response) {
    return (response.headers.get("Content-Type") || "").includes("application/json");
  }

  // --- The live checklist -------------------------------------------------------------------
  const list = panel.querySelector(".checklist-problems");
  const ready = panel.querySelector(".checklist-ok");
  const intro = panel.querySelector(".checklist-intro");
  function check() {
    if (editor() && editor().status === "ready") editor().updateElement();
    post(panel.dataset.checklistUrl, new FormData(form))
      .then((response) => (response.ok && isJson(response) ? response.json() : null))
      .then((data) => {
        if (!data) return;
        list.replaceChildren(
          ...data.problems.map((problem) => {
            const item = document.createElement("li");
            item.textContent = problem;
            return item;
          })
        );
        ready.classList.toggle("hidden", data.problems.length > 0);
        intro.classList.toggle("hidden", data.problems.length === 0);
      })
      .catch(() => {});
  }
  const checkSoon = debounce(check, 700);

  // --- Autosave -----------------------------------------------------------------------------
  const canSave = Boolean(panel.dataset.autosaveUrl);
  const key = panel.dataset.autosaveKey;
  let lastSent = null;
  let dirty = false;
  let submitting = false;

  function say(text) {
    if (stateLine) stateLine.textContent = text;
  }
  function now() {
    return new Date().toLocaleTimeString("vi-VN", { hour12: false });
  }
  function keepLocally(fields) {
    try {
      localStorage.setItem(
        STORE + key,
        JSON.stringify({ user: panel.dataset.user, fields, at: Date.now() })
      );
    } catch (error) {
      /* a full or disabled storage: the server copy still counts */
    }
  }
  function sendToServer(fields) {
    const body = JSON.stringify({
      ticket: panel.dataset.autosaveTicket,
      fields,
      version: panel.dataset.version ? Number(panel.dataset.version) : null,
    });
    return post(panel.dataset.autosaveUrl, body, { "Content-Type": "application/json" }).then(
      (response) => {
        if (response.ok && isJson(response)) return response.json();
        if (isJson(response)) return response.json().then((data) => Promise.reject(data.error));
        return Promise.reject(
          "Phiên đăng nhập đã hết. Nội dung vẫn được giữ trong trình duyệt: hãy đăng nhập lại ở thẻ khác rồi mở lại bài."
        );
      }
    );
  }
  function autosave() {
    if (!canSave || submitting) return;
    const fields = readFields();
    if (lastSent !== null && same(fields, lastSent)) return;
    keepLocally(fields);
    sendToServer(fields)
      .then(() => {
        lastSent = fields;
        if (same(readFields(), fields)) {
          localStorage.removeItem(STORE + key);
          dirty = false;
        }
        say("Đã lưu tự động lúc " + now() + ".");
      })
      .catch((reason) => say(typeof reason === "string" ? reason : "Chưa lưu tự động được; nội dung vẫn được giữ trong trình duyệt."));
  }
  function changed() {
    checkSoon();
    if (!canSave || lastSent === null) return;
    dirty = true;
    keepLocally(readFields());
  }
  const keepSoon = debounce(changed, 300);

  form.addEventListener("input", keepSoon);
  form.addEventListener("change", keepSoon);
  document.addEventListener("formset:added", checkSoon);
  document.addEventListener("formset:removed", checkSoon);
  if (window.django && window.django.jQuery) window.django.jQuery(form).on("change", "select", checkSoon);
  form.addEventListener("submit", () => {
    submitting = true;
  });
  window.addEventListener("pagehide", () => {
    if (dirty && !submitting) autosave();
  });

  // --- Recovery -----------------------------------------------------------------------------
  const recovery = document.getElementById("autosave-recovery");
  function localCopy() {
    // This page's own copy, or on an add page the newest copy of an unsaved article.
    let best = null;
    let bestKey = null;
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      const mine = name === STORE + key || (key.startsWith("new-") && name.startsWith(STORE + "new-"));
      if (!mine) continue;
      try {
        const entry = JSON.parse(localStorage.getItem(name));
        if (entry.user === panel.dataset.user && (!best || entry.at > best.at)) {
          best = entry;
          bestKey = name;
        }
      } catch (error) {
        localStorage.removeItem(name);
      }
    }
    return best ? { entry: best, name: bestKey } : null;
  }
  function showOffer(data) {
    recovery.querySelector(".recovery-when").textContent =
      "Lưu tự động lúc " + data.saved_at + ". Khác với bản đã lưu:";
    const diff = recovery.querySelector(".recovery-diff");
    diff.replaceChildren();
    data.diff.forEach((row) => {
      const block = document.createElement("div");
      block.className = "recovery-row";
      const label = document.createElement("strong");
      label.textContent = row.label;
      const before = document.createElement("p");
      before.className = "recovery-old";
      before.innerHTML = row.old; // escaped by the server; only <del>, <ins>, <br> added
      const after = document.createElement("p");
      after.className = "recovery-new";
      after.innerHTML = row.new;
      block.append(label, before, after);
      diff.append(block);
    });
    recovery.classList.remove("hidden");
    const done = () => {
      recovery.classList.add("hidden");
      const body = new FormData();
      body.append("key", data.key);
      post(panel.dataset.autosaveDropUrl, body);
    };
    recovery.querySelector("[data-recovery=restore]").onclick = () => {
      writeFields(data.fields);
      done();
      say("Đã khôi phục nội dung đang soạn; hãy bấm Lưu.");
      lastSent = {}; // differs from anything: the restored text is autosaved under this page
      dirty = true;
      setTimeout(autosave, 500);
      checkSoon();
    };
    recovery.querySelector("[data-recovery=discard]").onclick = () => {
      done();
      forgetLocal();
      say("Đã bỏ bản lưu tự động.");
    };
  }
  function forgetLocal() {
    const copy = localCopy();
    if (copy) localStorage.removeItem(copy.name);
  }
  function offer() {
    fetch(panel.dataset.autosaveUrl, { credentials: "same-origin" })
      .then((response) => (response.ok && isJson(response) ? response.json() : null))
      .then((data) => {
        if (data && data.found) showOffer(data);
      })
      .catch(() => {});
  }
  function start() {
    lastSent = readFields();
    if (!canSave) return;
    const copy = localCopy();
    if (copy && !same(copy.entry.fields, lastSent)) {
      // Typed but never reached the server (a crash, a sign-out): hand it over, then offer it.
      sendToServer(copy.entry.fields)
        .then(() => localStorage.removeItem(copy.name))
        .catch(() => {})
        .finally(offer);
    } else {
      if (copy) localStorage.removeItem(copy.name);
      offer();
    }
    setInterval(() => {
      if (dirty) autosave();
    }, 3000);
  }
  function whenEditorReady(callback) {
    const body = editor();
    if (!form.elements.body || (body && body.status === "ready")) return callback();
    if (body) return body.once("instanceReady", callback);
    if (window.CKEDITOR) {
      window.CKEDITOR.once("instanceReady", callback);
      return null;
    }
    return setTimeout(() => whenEditorReady(callback), 200);
  }
  whenEditorReady(() => {
    const body = editor();
    if (body) body.on("change", keepSoon);
    start();
  });
})();
