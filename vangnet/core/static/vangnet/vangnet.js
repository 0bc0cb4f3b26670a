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
