// Draws the dashboards' charts with Chart.js from the series the server rendered into #dashboard-charts
// (a data attribute, so no inline script is needed under the Content Security Policy). The user's
// dashboard has the status chart only.
(() => {
  const holder = document.getElementById('dashboard-charts');
  if (!holder || !window.Chart) {
    return;
  }
  const series = JSON.parse(holder.dataset.series);
  const period = holder.dataset.period;
  // Times are UTC throughout the portal.
  const label = iso => (period === 'hour' || period === 'day') ? iso.slice(11, 16) : iso.slice(5, 10);
  const labels = series.map(point => label(point.from));
  const count = (point, ...statuses) => statuses.reduce((sum, status) => sum + (point.counts[status] || 0), 0);
  const common = {
    responsive: true, maintainAspectRatio: false, animation: false,
    interaction: { mode: 'index', intersect: false },
  };

  new Chart(document.getElementById('status-chart'), {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'delivered', data: series.map(p => count(p, 'delivered')), backgroundColor: '#198754' },
        { label: 'failed', data: series.map(p => count(p, 'failed')), backgroundColor: '#dc3545' },
        { label: 'queued', data: series.map(p => count(p, 'queued', 'processing')), backgroundColor: '#6c757d' },
      ],
    },
    options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });

  const line = (id, name, values, colour, precision) => document.getElementById(id) && new Chart(document.getElementById(id), {
    type: 'line',
    data: { labels, datasets: [{ label: name, data: values, borderColor: colour, backgroundColor: colour, pointRadius: 2 }] },
    options: {
      ...common,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: precision === undefined ? {} : { precision } } },
    },
  });
  line('delivery-chart', 'seconds', series.map(p => p.avg_delivery_seconds), '#0d6efd');
  line('queue-chart', 'messages', series.map(p => p.queue_depth_max), '#fd7e14', 0);
})();
