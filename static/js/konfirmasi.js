/* SINTREN: ask before a button with data-konfirmasi="question" does its job (e.g. the
   registration form's Reset). Without JavaScript the button works as it is. */
document.addEventListener("click", function (event) {
  var target = event.target;
  var button = target && target.closest ? target.closest("[data-konfirmasi]") : null;
  if (button && !window.confirm(button.getAttribute("data-konfirmasi"))) {
    event.preventDefault();
  }
});
