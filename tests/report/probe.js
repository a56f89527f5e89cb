// Injected into a copy of the report by tests/report.rs. Records what is on screen, then
// axe-core's violations, then sorts and filters the workloads and opens the first one's
// page as a person would, and writes the result as JSON into a `pre` element with the id
// `probe` (and to a parent frame).
window.addEventListener("load", function () {
  var visible = function (id) {
    var el = document.getElementById(id);
    if (!el) return false;
    var box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  var labels = Array.prototype.map.call(document.querySelectorAll("svg text.label"), function (t) {
    var box = t.getBoundingClientRect();
    return box.width > 0 ? t.textContent : "";
  });
  // Whether an element shows on the screen, its top inside the viewport.
  var inView = function (element) {
    if (!element) return false;
    var box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.top < window.innerHeight;
  };
  var opened = location.hash.slice(1);
  var shownRows = function () {
    return Array.prototype.filter.call(document.querySelectorAll("#workloads tbody tr"), function (row) {
      return row.getClientRects().length > 0;
    });
  };
  var result = {
    overflow: document.documentElement.scrollWidth > window.innerWidth,
    width: window.innerWidth,
    totals: visible("totals") ? document.getElementById("totals").textContent : "",
    charts: ["placements", "fit", "vm-reasons", "container-reasons", "reclaim"].filter(visible),
    labels: labels,
    rows: document.querySelectorAll("#workloads tbody tr").length,
    tables: document.querySelectorAll("#workloads table").length,
    filter: !document.getElementById("filter").hidden,
  };
  var finish = function () {
    var out = document.createElement("pre");
    out.id = "probe";
    out.textContent = JSON.stringify(result);
    document.body.appendChild(out);
    if (window.parent !== window) window.parent.postMessage(out.textContent, "*");
  };
  var sortAndFilter = function () {
    var heading = document.querySelector('#workloads th[data-column="0"]');
    heading.click();
    heading.click();
    result.sortedBy = heading.getAttribute("aria-sort");
    result.namesAfterSort = shownRows().map(function (row) { return row.cells[0].textContent; });
    var filter = document.getElementById("filter");
    filter.value = result.namesAfterSort[result.namesAfterSort.length - 1];
    filter.dispatchEvent(new Event("input"));
    setTimeout(function () {
      result.namesAfterFilter = shownRows().map(function (row) { return row.cells[0].textContent; });
      result.tablesAfterFilter = Array.prototype.filter.call(document.querySelectorAll("#workloads table"), function (table) {
        return table.getClientRects().length > 0;
      }).length;
      var back = document.querySelector(".back");
      result.backBeforeOpening = inView(back);
      location.hash = "#w0";
      result.opened = [document.getElementById("w0"), back, document.getElementById("w1")].map(inView);
      finish();
    }, 400);
  };
  var check = function () {
    if (window.axe) {
      axe.run(document, { resultTypes: ["violations"] }).then(function (found) {
        result.violations = found.violations.map(function (v) { return v.id + ":" + v.impact + ":" + v.nodes.map(function (n) { return n.target.join(" "); }).join(","); });
        sortAndFilter();
      });
    } else {
      sortAndFilter();
    }
  };
  // A page opened by the link the report was loaded with: where it is once the browser
  // has settled, a few frames on.
  if (opened) {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        setTimeout(function () {
          result.openedOnLoad = [opened, inView(document.getElementById(opened)), inView(document.querySelector(".back"))];
          check();
        }, 300);
      });
    });
  } else {
    check();
  }
});
