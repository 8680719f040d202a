// Draws the report's chart with Chart.js from the daily counts the server rendered into
// #report-chart-data (a data attribute, so no inline script is needed under the Content Security Policy).
(() => {
  const holder = document.getElementById('report-chart-data');
  if (!holder || !window.Chart) {
    return;
  }
  const daily = JSON.parse(holder.dataset.daily);
  const days = [];
  for (let day = new Date(holder.dataset.from + 'T00:00:00Z'); day <= new Date(holder.dataset.to + 'T00:00:00Z');
       day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  const count = (day, ...statuses) => daily.filter(row => row.day === day && statuses.includes(row.status))
    .reduce((sum, row) => sum + row.count, 0);
  new Chart(document.getElementById('report-chart'), {
    type: 'bar',
    data: {
      labels: days.map(day => day.slice(5)),
      datasets: [
        { label: 'delivered', data: days.map(d => count(d, 'delivered')), backgroundColor: '#198754' },
        { label: 'failed', data: days.map(d => count(d, 'failed')), backgroundColor: '#dc3545' },
        { label: 'queued', data: days.map(d => count(d, 'queued', 'processing')), backgroundColor: '#6c757d' },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
