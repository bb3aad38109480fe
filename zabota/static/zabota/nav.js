// Staff menu (#9): on wide screens the menu is always open; one group dropdown at a time;
// Escape or a click outside closes it. Without JS the <details> elements still work.
(function () {
  var menu = document.querySelector("[data-nav-menu]");
  if (!menu) return;
  var wide = window.matchMedia("(min-width: 768px)");
  function sync() { if (wide.matches) menu.open = true; }
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-nav-group]"));
  groups.forEach(function (g) {
    g.addEventListener("toggle", function () {
      if (g.open) groups.forEach(function (o) { if (o !== g) o.open = false; });
    });
  });
  function closeAll() { if (wide.matches) groups.forEach(function (g) { g.open = false; }); }
  document.addEventListener("click", function (e) { if (!e.target.closest("[data-nav-group]")) closeAll(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") closeAll(); });
})();
