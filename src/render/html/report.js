// Sorting and filtering of the workloads table; without JavaScript the table is complete.
(function () {
  var table = document.getElementById("workloads");
  var filter = document.getElementById("filter");
  if (!table || !filter) return;
  var bodies = Array.prototype.slice.call(table.tBodies);
  var rows = [];
  bodies.forEach(function (body) { rows = rows.concat(Array.prototype.slice.call(body.rows)); });
  filter.hidden = false;
  filter.addEventListener("input", function () {
    var wanted = filter.value.toLowerCase();
    rows.forEach(function (row) {
      row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
    });
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
    cell.tabIndex = 0;
    var sort = function () {
      var column = Number(cell.getAttribute("data-column"));
      var ascending = cell.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var text = row.cells[column].textContent;
        var number = Number(text);
        return isNaN(number) ? text.toLowerCase() : number;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      var size = bodies[0].rows.length || rows.length;
      bodies.forEach(function (body, index) {
        var fragment = document.createDocumentFragment();
        rows.slice(index * size, (index + 1) * size).forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      });
    };
    cell.addEventListener("click", sort);
    cell.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
    });
  });
})();
