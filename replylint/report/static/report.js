/* replylint audit report: charts, sortable and filterable tables, tooltips on marks.
   The page is complete without this script (every number is in a table); the script
   draws the charts from the embedded data and the tables, and makes tables sortable. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("report-data").textContent);
  var colours = data.colours;
  var GROUP_BARS = 15;
  var SEVERITIES = ["error", "warning", "info"];
  var SEVERITY_LABELS = { error: "Errors", warning: "Warnings", info: "Info" };
  var charts = [];

  // Animations make screenshots and printouts catch charts half drawn.
  Chart.defaults.animation = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1d2430";
  Chart.defaults.maintainAspectRatio = false;

  function sizeFor(container) {
    // A horizontal bar chart needs room per bar; the stylesheet's height is the minimum.
    var bars = Number(container.dataset.bars || 0);
    if (bars) container.style.height = Math.max(160, 60 + 28 * bars) + "px";
  }

  // Label a logarithmic axis at 1, 10, 100, ... only; between them the ticks stay unlabelled.
  function powersOfTen(value) {
    var exponent = Math.log10(value);
    return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? value.toLocaleString("en") : "";
  }

  function horizontalBar(canvas, labels, datasets, stacked, logarithmic) {
    sizeFor(canvas.parentElement);
    var chart = new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        indexAxis: "y",
        plugins: { legend: { display: datasets.length > 1 } },
        scales: {
          x: logarithmic
            ? { type: "logarithmic", min: 0.5, title: { display: true, text: "Findings (logarithmic scale)" },
                ticks: { autoSkip: false, maxRotation: 0, callback: powersOfTen } }
            : { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
          y: { stacked: stacked, ticks: { autoSkip: false } },
        },
      },
    });
    charts.push(chart);
    return chart;
  }

  function rulesChart() {
    var canvas = document.getElementById("chart-rules");
    if (!canvas) return;
    var rules = data.rules;
    // One rule firing on half the replies would flatten the rest into slivers: past a
    // ratio of 50 between the most and least frequent, the axis is logarithmic.
    var most = Math.max.apply(null, rules.findings), least = Math.min.apply(null, rules.findings);
    horizontalBar(canvas, rules.labels, [{
      label: "Findings",
      data: rules.findings,
      backgroundColor: rules.severities.map(function (s) { return colours[s]; }),
    }], false, most / least > 50);
  }

  /* ---- tables: the rows the user sees are the chart's data ---- */

  // Cells hold formatted numbers ("21,626"); the row's name is its header cell.
  function cellValue(row, index, kind) {
    var text = row.cells[index].textContent.trim();
    return kind === "number" ? Number(text.replace(/,/g, "")) : text;
  }

  function rowName(row) { return row.cells[0].textContent.trim(); }

  function columnIndex(table, key) {
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) if (headers[i].dataset.key === key) return i;
    return -1;
  }

  function visibleRows(table) {
    return Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; });
  }

  function groupDatasets(table, rows) {
    return SEVERITIES.map(function (severity) {
      var index = columnIndex(table, severity);
      return {
        label: SEVERITY_LABELS[severity],
        data: rows.map(function (row) { return cellValue(row, index, "number"); }),
        backgroundColor: colours[severity],
        // Info findings are advice; shown, they dwarf the errors and warnings.
        hidden: severity === "info",
      };
    });
  }

  function drawGroupChart(table) {
    var canvas = document.getElementById(table.dataset.chart);
    if (!canvas) return;
    var rows = visibleRows(table).slice(0, GROUP_BARS);
    var labels = rows.map(rowName);
    canvas.parentElement.dataset.bars = String(Math.max(rows.length, 1));
    var chart = Chart.getChart(canvas);
    if (!chart) {
      horizontalBar(canvas, labels, groupDatasets(table, rows), true);
      return;
    }
    sizeFor(canvas.parentElement);
    var datasets = groupDatasets(table, rows);
    chart.data.labels = labels;
    // Keep what the reader chose in the legend.
    datasets.forEach(function (dataset, i) { dataset.hidden = !chart.isDatasetVisible(i); });
    chart.data.datasets = datasets;
    chart.update();
  }

  function compare(index, kind, direction) {
    return function (a, b) {
      var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
      var order = kind === "number" ? x - y : x.localeCompare(y);
      // Ties keep a stable, readable order: by name, A to Z, whichever the direction.
      if (order === 0 && index !== 0) return rowName(a).localeCompare(rowName(b));
      return direction * order;
    };
  }

  function sortTable(table, header) {
    var kind = header.dataset.kind;
    var current = header.getAttribute("aria-sort");
    // Numbers start big-first (who has the most findings), names A to Z.
    var next = current ? (current === "descending" ? "ascending" : "descending")
                       : (kind === "number" ? "descending" : "ascending");
    table.tHead.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", next);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(compare(header.cellIndex, kind, next === "ascending" ? 1 : -1));
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
    drawGroupChart(table);
  }

  function filterTable(table, query) {
    var needle = query.trim().toLocaleLowerCase();
    var shown = 0, rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      var match = !needle || rowName(rows[i]).toLocaleLowerCase().indexOf(needle) !== -1;
      rows[i].hidden = !match;
      if (match) shown++;
    }
    var count = document.getElementById(table.dataset.count);
    if (count) count.textContent = "Showing " + shown.toLocaleString("en") + " of " + rows.length.toLocaleString("en");
    drawGroupChart(table);
  }

  function setUpTables() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.tHead.querySelectorAll("th[data-key] button").forEach(function (button) {
        button.addEventListener("click", function () { sortTable(table, button.parentElement); });
      });
      drawGroupChart(table);
    });
    document.querySelectorAll("input.table-filter").forEach(function (input) {
      var table = document.getElementById(input.dataset.table);
      input.addEventListener("input", function () { filterTable(table, input.value); });
    });
  }

  function timeChart() {
    var canvas = document.getElementById("chart-time");
    var t = data.timeline;
    if (!canvas || !t) return;
    charts.push(new Chart(canvas, {
      data: {
        labels: t.labels,
        datasets: [
          { type: "line", label: "Errors and warnings per 100 replies", data: t.blocking_per_100, yAxisID: "rate",
            borderColor: colours.error, backgroundColor: colours.error, pointRadius: t.labels.length > 60 ? 0 : 2,
            spanGaps: true, order: 1 },
          { type: "line", label: "All findings per 100 replies", data: t.per_100, yAxisID: "rate",
            borderColor: colours.info, backgroundColor: colours.info, pointRadius: t.labels.length > 60 ? 0 : 2,
            borderDash: [6, 4], spanGaps: true, hidden: true, order: 1 },
          { type: "bar", label: "Replies", data: t.replies, yAxisID: "replies",
            backgroundColor: "#b9c4d2", order: 2 },
        ],
      },
      options: {
        interaction: { mode: "index", intersect: false },
        scales: {
          replies: { type: "linear", position: "right", beginAtZero: true, ticks: { precision: 0 },
                     title: { display: true, text: "Replies" }, grid: { drawOnChartArea: false } },
          rate: { type: "linear", position: "left", beginAtZero: true,
                  title: { display: true, text: "Per 100 replies" } },
        },
      },
    }));
  }

  /* ---- marks in the worst replies: the rule's message on hover and on focus ---- */

  function setUpTips() {
    var tip = document.getElementById("tip");
    function show(mark) {
      tip.textContent = mark.dataset.tip;
      tip.hidden = false;
      var box = mark.getBoundingClientRect();
      var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
      tip.style.left = Math.max(8, left) + "px";
      tip.style.top = (box.bottom + window.scrollY + 6) + "px";
    }
    function hide() { tip.hidden = true; }
    document.querySelectorAll("mark[data-tip]").forEach(function (mark) {
      mark.addEventListener("mouseenter", function () { show(mark); });
      mark.addEventListener("focus", function () { show(mark); });
      mark.addEventListener("mouseleave", hide);
      mark.addEventListener("blur", hide);
    });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  }

  /* ---- printing: every table open, charts redrawn at the paper's width ---- */

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.print-open").forEach(function (d) { d.open = true; });
    charts.forEach(function (chart) { chart.resize(); });
  });

  rulesChart();
  setUpTables();
  timeChart();
  setUpTips();
})();
