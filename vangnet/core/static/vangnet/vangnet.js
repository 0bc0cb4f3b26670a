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

// On a small screen the main menu folds behind one button.
document.addEventListener("DOMContentLoaded", function () {
  var nav = document.querySelector(".main-nav");
  var toggle = nav && nav.querySelector(".menu-toggle");
  if (!nav || !toggle) { return; }
  nav.classList.add("js-menu");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
});

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
