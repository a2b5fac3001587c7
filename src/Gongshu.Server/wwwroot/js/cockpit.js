// Draws the cockpit's charts from the JSON the page carries (#cockpit-data). Every number is
// also in the table after each chart, so the page reads the same without this script.
(function () {
    'use strict';
    var source = document.getElementById('cockpit-data');
    if (!source || !window.echarts) {
        return;
    }

    // Colours distinguishable by colour-blind readers and dark enough against white.
    var palette = ['#1f5fa8', '#c2410c', '#15803d', '#7e22ce', '#a16207', '#0e7490'];
    var data = JSON.parse(source.textContent);
    var drawn = [];

    data.charts.forEach(function (spec) {
        var element = document.getElementById(spec.id);
        if (!element) {
            return;
        }

        var categoryAxis = { type: 'category', data: spec.categories, axisLabel: { hideOverlap: true } };
        var valueAxis = { type: 'value', max: spec.max || null, minInterval: spec.max ? 0 : 1 };
        var chart = window.echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            color: palette,
            tooltip: { trigger: 'axis' },
            legend: { type: 'scroll', top: 0 },
            grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
            xAxis: spec.horizontal ? valueAxis : categoryAxis,
            yAxis: spec.horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis,
            series: spec.series.map(function (series) {
                return { name: series.name, type: spec.type, data: series.data, connectNulls: false, symbolSize: 6 };
            })
        });
        drawn.push(chart);
    });

    window.addEventListener('resize', function () {
        drawn.forEach(function (chart) {
            chart.resize();
        });
    });
}());
