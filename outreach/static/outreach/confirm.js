// Destructive actions ask first (<form data-confirm="…">); «Выбрать всех найденных» ticks a picklist.
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});
document.addEventListener("click", function (event) {
  var group = event.target.getAttribute && event.target.getAttribute("data-check-all");
  if (!group) return;
  document.querySelectorAll('[data-group="' + group + '"] input[type="checkbox"]').forEach(function (box) {
    box.checked = true;
  });
});
