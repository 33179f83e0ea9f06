"use strict";
// The chooser's drop zone: files dropped or picked are sent one by one (each its own request,
// its own progress bar and its own refusal, in the server's words); each photo received joins
// the top of the library grid, ready to be chosen. Without script the form posts one file.
(function () {
  var form, input, list, grid, submit;
  var queue = [];

  function describe() {
    var data = {};
    ["alt_text", "caption", "credit"].forEach(function (name) {
      var field = form.elements[name];
      data[name] = field ? field.value : "";
    });
    return data;
  }

  function row(file) {
    var item = document.createElement("li");
    item.className = "upload-item upload-waiting";
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Tiến độ tải " + file.name);
    var state = document.createElement("span");
    state.className = "upload-state";
    state.textContent = "Chờ tải";
    item.append(name, bar, state);
    list.appendChild(item);
    return { file: file, item: item, bar: bar, state: state };
  }

  function fail(entry, messages) {
    entry.item.className = "upload-item upload-failed";
    entry.state.textContent = "Không tải được";
    var errors = document.createElement("ul");
    errors.className = "errorlist";
    messages.forEach(function (message) {
      var line = document.createElement("li");
      line.textContent = message;
      errors.appendChild(line);
    });
    entry.item.appendChild(errors);
  }

  function received(entry, answer) {
    entry.item.className = "upload-item upload-done";
    entry.bar.value = 100;
    entry.state.textContent = "Đã tải lên — bấm vào ảnh bên dưới để chèn";
    window.NewsroomPicker.add(answer.photo);
    var empty = grid.querySelector(".photo-grid-empty");
    if (empty) empty.remove();
    var cell = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "photo-choice photo-new";
    button.dataset.photoId = String(answer.photo.id);
    button.innerHTML = answer.thumbnail; // the server's escaped <img> markup
    var caption = document.createElement("span");
    caption.className = "photo-caption";
    caption.textContent = answer.photo.caption || answer.photo.alt;
    var badge = document.createElement("span");
    badge.className = "photo-badge";
    badge.textContent = "Mới tải lên";
    button.append(badge, caption);
    cell.appendChild(button);
    grid.insertBefore(cell, grid.firstChild);
  }

  function send(entry, fields) {
    return new Promise(function (resolve) {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
      body.append("image", entry.file);
      var request = new XMLHttpRequest();
      request.open("POST", form.dataset.uploadUrl);
      request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      entry.item.className = "upload-item upload-sending";
      entry.state.textContent = "0%";
      request.upload.addEventListener("progress", function (event) {
        if (!event.lengthComputable) return;
        var percent = Math.min(99, Math.round((event.loaded / event.total) * 100));
        entry.bar.value = percent;
        entry.state.textContent = percent + "%";
      });
      request.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(request.responseText); } catch (error) { answer = null; }
        if (request.status === 201 && answer && answer.photo) received(entry, answer);
        else if (answer && answer.errors) fail(entry, answer.errors);
        else if (request.status === 413) fail(entry, ["Tệp quá lớn để gửi lên máy chủ."]);
        else fail(entry, ["Máy chủ không nhận tệp này (mã " + request.status + "). Hãy thử lại."]);
        resolve();
      });
      request.addEventListener("error", function () {
        fail(entry, ["Mất kết nối khi đang tải. Hãy kiểm tra mạng rồi thử lại."]);
        resolve();
      });
      request.send(body);
    });
  }

  function start() {
    var alt = form.elements.alt_text;
    if (!queue.length) {
      input.focus();
      return;
    }
    if (alt && !alt.value.trim()) {
      alt.setAttribute("aria-invalid", "true");
      alt.focus();
      document.getElementById("upload-alt-needed").hidden = false;
      return;
    }
    if (alt) alt.removeAttribute("aria-invalid");
    document.getElementById("upload-alt-needed").hidden = true;
    var fields = describe();
    var batch = queue.splice(0, queue.length);
    // One after another: two cores and a phone's uplink gain nothing from parallel sends.
    batch.reduce(function (previous, entry) {
      return previous.then(function () { return send(entry, fields); });
    }, Promise.resolve());
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) { queue.push(row(file)); });
    start();
  }

  document.addEventListener("DOMContentLoaded", function () {
    form = document.getElementById("chooser-upload-form");
    if (!form || !window.FormData) return;
    input = form.querySelector(".drop-zone-input");
    list = document.getElementById("upload-list");
    grid = document.getElementById("photo-grid");
    submit = document.getElementById("chooser-upload-submit");
    var zone = document.getElementById("drop-zone");
    var note = document.createElement("p");
    note.id = "upload-alt-needed";
    note.className = "errornote";
    note.hidden = true;
    note.textContent = "Hãy viết mô tả thay thế (cho người không xem được ảnh), rồi bấm «Tải lên».";
    form.insertBefore(note, list);
    input.addEventListener("change", function () {
      add(input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("drop-zone-over");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("drop-zone-over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) add(event.dataTransfer.files);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      start();
    });
    submit.value = "Tải lên";
  });
})();
