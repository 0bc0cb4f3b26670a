// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
});
document.addEventListener("click", function (event) {
  var target = event.target;
  if (target instanceof Element && target.matches("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});

// On a small screen the header's menu folds behind one button.
document.addEventListener("DOMContentLoaded", function () {
  var header = document.querySelector(".site-header");
  var toggle = header && header.querySelector(".menu-toggle");
  if (!header || !toggle) { return; }
  header.classList.add("js-menu");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = header.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
});

// The menu's groups open one at a time; Escape or a click elsewhere closes them.
(function () {
  function groups() { return document.querySelectorAll("details[data-menu-group]"); }
  function closeAll(except) {
    groups().forEach(function (group) { if (group !== except) { group.open = false; } });
  }
  document.addEventListener("toggle", function (event) {
    var target = event.target;
    if (target instanceof HTMLDetailsElement && target.matches("[data-menu-group]") && target.open) {
      closeAll(target);
    }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector("details[data-menu-group][open]");
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.closest("details[data-menu-group]")) { closeAll(null); }
  });
})();

// A field marked data-show-when="name=value" shows only while that radio button is chosen.
// Without this script every such field stays visible and the server ignores the ones not chosen.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-show-when]").forEach(function (field) {
    var rule = field.getAttribute("data-show-when").split("=");
    var form = field.closest("form");
    if (!form) { return; }
    var radios = form.querySelectorAll("input[type=radio][name='" + rule[0] + "']");
    var update = function () {
      var chosen = form.querySelector("input[type=radio][name='" + rule[0] + "']:checked");
      field.hidden = !chosen || chosen.value !== rule[1];
    };
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  });
});

// A file field marked data-choose gets a button and a line in the page's language, instead of
// the browser's own "Choose File / No file chosen" in the language of the browser.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[type=file][data-choose]").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = input.getAttribute("data-choose");
    var chosen = document.createElement("span");
    chosen.className = "file-chosen";
    chosen.setAttribute("aria-live", "polite");
    chosen.textContent = input.getAttribute("data-none");
    var show = function () {
      chosen.textContent = input.files && input.files.length
        ? input.files[0].name : input.getAttribute("data-none");
    };
    button.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", show);
    input.classList.add("visually-hidden");
    input.tabIndex = -1;
    input.after(button, " ", chosen);
  });
});
