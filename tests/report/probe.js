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
  var result = {
    overflow: document.documentElement.scrollWidth > window.innerWidth,
    width: window.innerWidth,
    totals: visible("totals") ? document.getElementById("totals").textContent : "",
    charts: ["placements", "fit", "vm-reasons", "container-reasons", "reclaim"].filter(visible),
    labels: labels,
    rows: document.querySelectorAll("#workloads tbody tr").length,
    filter: !document.getElementById("filter").hidden,
  };
  axe.run(document, { resultTypes: ["violations"] }).then(function (found) {
    result.violations = found.violations.map(function (v) { return v.id + ":" + v.impact + ":" + v.nodes.map(function (n) { return n.target.join(" "); }).join(","); });
    var out = document.createElement("pre");
    out.id = "probe";
    out.textContent = JSON.stringify(result);
    document.body.appendChild(out);
    if (window.parent !== window) window.parent.postMessage(out.textContent, "*");
  });
});
