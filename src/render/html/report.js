// Sorting and filtering of the workloads; without JavaScript the tables are complete.
// The rows are spread over tables of equal size (see html.rs): sorting refills them in
// order, and filtering hides the rows that do not match and the tables left empty.
(function () {
  var root = document.getElementById("workloads");
  var filter = document.getElementById("filter");
  if (!root || !filter) return;
  var bodies = Array.prototype.slice.call(root.getElementsByTagName("tbody"));
  var size = bodies.length ? bodies[0].rows.length : 0;
  var rows = [];
  bodies.forEach(function (body) { Array.prototype.push.apply(rows, body.rows); });
  if (rows.length === 0) return;
  rows.forEach(function (row, index) { row.index = index; });
  var order = rows.map(function (_, index) { return index; });
  var keys = {};
  var texts = null;
  var wanted = "";
  var key = function (column) {
    if (!keys[column]) {
      keys[column] = rows.map(function (row) {
        var text = row.cells[column].textContent;
        var number = Number(text);
        return text !== "" && !isNaN(number) ? number : text.toLowerCase();
      });
    }
    return keys[column];
  };
  // Hides the rows that do not match the filter, and the tables left without a row.
  var show = function () {
    if (wanted !== "" && !texts) texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    bodies.forEach(function (body) {
      var any = false;
      Array.prototype.forEach.call(body.rows, function (row) {
        var hide = wanted !== "" && texts[row.index].indexOf(wanted) < 0;
        if (row.hidden !== hide) row.hidden = hide;
        any = any || !hide;
      });
      var chunk = body.parentNode.parentNode;
      if (chunk.hidden === any) chunk.hidden = !any;
    });
  };
  // Puts the rows in `order`, filling the tables in turn.
  var arrange = function () {
    bodies.forEach(function (body, chunk) {
      var fragment = document.createDocumentFragment();
      order.slice(chunk * size, (chunk + 1) * size).forEach(function (index) { fragment.appendChild(rows[index]); });
      body.appendChild(fragment);
    });
  };
  filter.hidden = false;
  var pending = 0;
  filter.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      wanted = filter.value.toLowerCase();
      show();
    }, rows.length > 5000 ? 150 : 0);
  });
  var headings = root.querySelectorAll("th[data-column]");
  Array.prototype.forEach.call(headings, function (cell) {
    cell.tabIndex = 0;
    var sort = function () {
      var column = Number(cell.getAttribute("data-column"));
      var ascending = cell.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headings, function (other) {
        if (Number(other.getAttribute("data-column")) === column) {
          other.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        } else {
          other.removeAttribute("aria-sort");
        }
      });
      var values = key(column);
      order.sort(function (a, b) {
        var x = values[a], y = values[b];
        var by = x < y ? -1 : x > y ? 1 : a - b;
        return ascending ? by : x === y ? by : -by;
      });
      arrange();
      show();
    };
    cell.addEventListener("click", sort);
    cell.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
    });
  });
})();
