/* Coverage dashboard charts. The numbers come from JSON blocks the page renders (json_script), the same
   numbers as the tables beside each chart; no inline script, nothing loaded from outside. */
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var trend = data("trend-data");
  var trendNode = document.getElementById("trend-chart");
  if (trend && trendNode && window.echarts) {
    var chart = echarts.init(trendNode, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null ? "n/a" : v + "%"; } },
      legend: { top: 0, type: "scroll" },
      // Room on the right for the target lines' labels ("100.0%"), which ECharts draws past the line's end.
      grid: { left: 40, right: 56, top: 40, bottom: 40 },
      xAxis: { type: "category", data: trend.days },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: trend.series.map(function (s) {
        return {
          name: s.name, type: "line", data: s.rates, connectNulls: false, showSymbol: false,
          markLine: {
            symbol: "none", label: { formatter: "{b}" }, lineStyle: { type: "dashed" },
            data: [
              { name: s.threshold + "%", yAxis: s.threshold },
              { name: s.deadline, xAxis: trend.days.indexOf(s.deadline) >= 0 ? s.deadline : undefined }
            ].filter(function (d) { return d.yAxis !== undefined || d.xAxis !== undefined; })
          }
        };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  var breakdown = data("breakdown-data");
  document.querySelectorAll(".breakdown-chart").forEach(function (node) {
    var key = node.id.replace("chart-", "");
    var source = breakdown && breakdown[key];
    if (!source || !window.echarts) { return; }
    var chart = echarts.init(node, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
      legend: { top: 0 },
      // containLabel: the rotated category names ("Town or sub-district") stay inside the chart.
      grid: { left: 10, right: 20, top: 30, bottom: 10, containLabel: true },
      xAxis: { type: "category", data: source.labels, axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: source.series.map(function (s) { return { name: s.name, type: "bar", data: s.rates }; })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
