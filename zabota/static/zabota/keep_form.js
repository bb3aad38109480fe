// Public forms keep what was typed on this device until the request is accepted: if the server was
// unavailable, «Назад» brings the form back filled in. Stored in sessionStorage (this tab only).
(function () {
  "use strict";
  var KEY = "zabota-form:" + location.pathname;
  if (document.querySelector("[data-form-accepted]")) {
    Object.keys(sessionStorage).forEach(function (k) { if (k.indexOf("zabota-form:") === 0) sessionStorage.removeItem(k); });
    return;
  }
  var form = document.querySelector("form.public-form");
  if (!form) return;
  var fields = function () {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "website" && el.type !== "hidden" &&
        el.type !== "submit" && el.type !== "password";
    });
  };
  var save = function () {
    var data = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") { if (el.checked) data[el.name + "=" + el.value] = true; }
      else data[el.name] = el.value;
    });
    try { sessionStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { /* storage full or off */ }
  };
  var stored = null;
  try { stored = JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { stored = null; }
  var empty = fields().every(function (el) { return el.type === "checkbox" || el.type === "radio" || el.tagName === "SELECT" || !el.value; });
  if (stored && empty) {
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") el.checked = !!stored[el.name + "=" + el.value];
      else if (stored[el.name] !== undefined) el.value = stored[el.name];
    });
    var note = document.createElement("p");
    note.className = "message";
    note.setAttribute("role", "status");
    note.textContent = "Восстановлен текст, который вы вводили. Проверьте его и отправьте ещё раз.";
    form.parentNode.insertBefore(note, form);
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", save);
})();
