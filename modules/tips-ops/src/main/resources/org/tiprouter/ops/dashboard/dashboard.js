// tiprouter operations dashboard: polls /dashboard.json and redraws. Writes text only (never HTML from data).
(function () {
  'use strict';
  var POLL_MS = 3000;
  var SVG = 'http://www.w3.org/2000/svg';
  var COLOURS = { web: '#3b6ea8', phone: '#d68910', cybertipline: '#7d3c98' };
  var SPARE = ['#17a589', '#c0392b', '#566573'];

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function colour(channel, i) { return COLOURS[channel] || SPARE[i % SPARE.length]; }
  function seconds(s) {
    if (s === null || s === undefined) { return '–'; }
    return s < 1 ? Math.round(s * 1000) + ' ms' : s.toFixed(s < 10 ? 2 : 0) + ' s';
  }
  function num(n) { return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'); }
  function hhmm(ms) { var d = new Date(ms); return String(d.getUTCHours()).padStart(2, '0') + ':' + String(d.getUTCMinutes()).padStart(2, '0'); }
  function setCard(id, value, level) {
    $(id).textContent = value;
    var card = $(id).parentNode;
    card.classList.remove('alert', 'warn');
    if (level) { card.classList.add(level); }
  }

  function drawChart(data) {
    var chart = $('chart');
    clear(chart);
    var points = data.ingestedPerMinute;
    var channels = data.channels;
    var W = 760, H = 190, left = 34, bottom = 20, top = 6;
    var max = 1;
    points.forEach(function (p) {
      var total = 0;
      channels.forEach(function (c) { total += p.channels[c] || 0; });
      max = Math.max(max, total);
    });
    var step = Math.pow(10, Math.floor(Math.log10(max)));
    var ceiling = Math.ceil(max / step) * step;
    var plotH = H - bottom - top;
    for (var g = 0; g <= 4; g++) {
      var v = ceiling * g / 4;
      var y = top + plotH - plotH * g / 4;
      chart.appendChild(svg('line', { x1: left, x2: W, y1: y, y2: y, stroke: '#e3e8ee' }));
      chart.appendChild(svg('text', { x: left - 4, y: y + 4, 'text-anchor': 'end' }, String(Math.round(v * 10) / 10)));
    }
    var bw = (W - left) / points.length;
    points.forEach(function (p, i) {
      var y = top + plotH;
      channels.forEach(function (c, ci) {
        var n = p.channels[c] || 0;
        if (n > 0) {
          var h = plotH * n / ceiling;
          y -= h;
          var r = svg('rect', { x: left + i * bw + 2, y: y, width: Math.max(1, bw - 4), height: h, fill: colour(c, ci) });
          r.appendChild(svg('title', {}, hhmm(p.minute) + ' ' + c + ': ' + n));
          chart.appendChild(r);
        }
      });
      if ((i % 5 === 0 && i < points.length - 3) || i === points.length - 1) {
        var lastLabel = i === points.length - 1;
        chart.appendChild(svg('text', { x: lastLabel ? W : left + i * bw + bw / 2, y: H - 5, 'text-anchor': lastLabel ? 'end' : 'middle' }, hhmm(p.minute)));
      }
    });
    var legend = $('legend');
    clear(legend);
    channels.forEach(function (c, ci) {
      var item = el('span', null);
      var sw = el('i');
      sw.style.background = colour(c, ci);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(c));
      legend.appendChild(item);
    });
  }

  function drawAgencies(data) {
    var body = $('agencies').tBodies[0];
    clear(body);
    if (!data.agencies.length) {
      var tr0 = el('tr'); var td0 = el('td', 'no agency queues yet', 'muted'); td0.colSpan = 6; tr0.appendChild(td0); body.appendChild(tr0);
      return;
    }
    var maxLag = 1;
    data.agencies.forEach(function (a) { maxLag = Math.max(maxLag, a.queueLag || 0); });
    var rows = data.agencies.slice().sort(function (a, b) { return (b.queueLag || 0) + (b.urgentLag || 0) * 100 - (a.queueLag || 0) - (a.urgentLag || 0) * 100; });
    rows.forEach(function (a) {
      var tr = el('tr');
      tr.setAttribute('data-agency', a.agency);
      if ((a.urgentLag || 0) > 0 || (a.queueLag || 0) >= 10) { tr.className = 'behind'; }
      tr.appendChild(el('td', a.agency, 'mono'));
      tr.appendChild(el('td', num(a.routed), 'num'));
      tr.appendChild(el('td', num(a.queueDepth), 'num'));
      var lag = el('td');
      var bar = el('span', null, 'bar');
      bar.style.width = Math.round(120 * (a.queueLag || 0) / maxLag) + 'px';
      lag.appendChild(bar);
      lag.appendChild(document.createTextNode(num(a.queueLag)));
      tr.appendChild(lag);
      tr.appendChild(el('td', num(a.urgentLag), 'num'));
      var groups = a.groups ? Object.keys(a.groups) : [];
      tr.appendChild(el('td', groups.length ? groups.map(function (g) { return g + ' (' + a.groups[g] + ')'; }).join(', ') : 'none reading', groups.length ? 'small' : 'small muted'));
      body.appendChild(tr);
    });
    if (data.idleAgencies > 0) {
      var more = el('tr'); var td = el('td', data.idleAgencies + ' idle agencies (nothing routed, queue empty) not shown', 'muted small');
      td.colSpan = 6; more.appendChild(td); body.appendChild(more);
    }
  }

  function drawHealth(data) {
    var list = $('health');
    clear(list);
    data.health.checks.forEach(function (c) {
      var li = el('li', null, c.status === 'UP' ? 'up' : 'down');
      li.appendChild(el('b', c.name));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('span', c.status));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('small', c.detail));
      list.appendChild(li);
    });
    var overall = $('overall');
    overall.textContent = data.health.status === 'UP' ? 'READY' : 'NOT READY';
    overall.className = 'pill ' + (data.health.status === 'UP' ? 'up' : 'down');
    var lags = Object.keys(data.stageLag).map(function (s) { return s + ' ' + data.stageLag[s]; });
    $('stageLag').textContent = lags.length ? 'Stage input lag: ' + lags.join(' · ') : '';
  }

  function drawDeadLetters(data) {
    var counts = $('dlqCounts').tBodies[0];
    clear(counts);
    var rows = data.deadLetters.counts.slice().sort(function (a, b) { return b.count - a.count; });
    if (!rows.length) { var tr0 = el('tr'); var td0 = el('td', 'none', 'muted'); td0.colSpan = 3; tr0.appendChild(td0); counts.appendChild(tr0); }
    rows.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', r.stage));
      tr.appendChild(el('td', r.reason, 'mono'));
      tr.appendChild(el('td', num(r.count), 'num'));
      counts.appendChild(tr);
    });
    var latest = $('dlqLatest').tBodies[0];
    clear(latest);
    if (!data.deadLetters.latest.length) { var tr1 = el('tr'); var td1 = el('td', 'none', 'muted'); td1.colSpan = 4; tr1.appendChild(td1); latest.appendChild(tr1); }
    data.deadLetters.latest.slice(0, 8).forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', r.at ? r.at.replace('T', ' ').replace(/\.\d+Z$/, '').replace('Z', '') : '–', 'small'));
      tr.appendChild(el('td', r.stage));
      tr.appendChild(el('td', r.reason, 'mono'));
      tr.appendChild(el('td', r.tipId ? r.tipId.slice(0, 8) + '…' : '–', 'mono')).title = r.tipId || '';
      latest.appendChild(tr);
    });
  }

  function render(data) {
    var points = data.ingestedPerMinute;
    var last = points[points.length - 1], prev = points[points.length - 2];
    function total(p) { var t = 0; if (p) { data.channels.forEach(function (c) { t += p.channels[c] || 0; }); } return t; }
    setCard('lastMinute', num(Math.max(total(last), total(prev))));
    setCard('ingested', num(data.totals.ingested));
    setCard('p50', seconds(data.latency.p50Seconds));
    setCard('p99', seconds(data.latency.p99Seconds), data.latency.p99Seconds > 60 ? 'warn' : null);
    setCard('urgent', num(data.urgentUnconsumed), data.urgentUnconsumed > 0 ? 'alert' : null);
    var triage = data.triage.depth === null ? data.triage.triaged : data.triage.lag;
    setCard('triage', num(triage), triage > 0 ? 'warn' : null);
    setCard('dlq', num(data.totals.deadLettered), data.totals.deadLettered > 0 ? 'alert' : null);
    drawChart(data);
    drawAgencies(data);
    drawHealth(data);
    drawDeadLetters(data);
    $('updated').textContent = 'updated ' + data.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') +
        (data.lagMeasuredAt ? ' · lag measured ' + data.lagMeasuredAt.slice(11, 19) + ' UTC' : '');
  }

  function poll() {
    fetch('/dashboard.json', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(render)
      .catch(function (e) { $('updated').textContent = 'cannot reach the operations server (' + e.message + ')'; })
      .then(function () { setTimeout(poll, POLL_MS); });
  }
  document.addEventListener('DOMContentLoaded', poll);
}());
