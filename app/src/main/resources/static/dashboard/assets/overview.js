// Overview: the cards of `dashboard`, system health, active alerts, throughput and error
// rate over the metric history of every queue.
import { gql, h, put, on, whenNotLive, throttle, number, badge, time, table } from './api.js';
import { lineChart, combine } from './chart.js';

const SUMMARY = `{
  dashboard { totalQueues healthyQueues warningQueues criticalQueues totalWaiting totalActive totalFailed
    activeAlerts avgJobsPerMinute avgErrorRate timestamp }
  systemHealth { healthy workers { totalWorkers totalJobsProcessed } memory { heapUsed heapTotal percentage } }
  alerts(acknowledged: null) { id severity queueName type message timestamp acknowledged }
  queuesHealth { queueName status issues }
}`;

export async function overview(main) {
	const cards = h('section', { class: 'cards', 'aria-label': 'Figures' });
	const health = h('section', { 'aria-labelledby': 'health-h' });
	const alertList = h('section', { 'aria-labelledby': 'alerts-h' });
	const charts = h('section', { class: 'charts', 'aria-label': 'Charts' });
	put(main, h('h1', {}, 'Overview'), cards, h('div', { class: 'two' }, health, alertList), charts);

	async function refresh() {
		const data = await gql(SUMMARY);
		const d = data.dashboard;
		put(cards, 
			card('Queues', d.totalQueues, `${d.healthyQueues} healthy · ${d.warningQueues} warning · ${d.criticalQueues} critical`),
			card('Waiting', number(d.totalWaiting)),
			card('Active', number(d.totalActive)),
			card('Failed', number(d.totalFailed), 'kept, attempts used up'),
			card('Jobs / min', number(d.avgJobsPerMinute, 1), 'average per queue'),
			card('Error rate', `${number(d.avgErrorRate, 1)} %`, 'average per queue'),
			card('Active alerts', d.activeAlerts));
		const s = data.systemHealth;
		const troubled = data.queuesHealth.filter((q) => q.status !== 'HEALTHY');
		put(health, h('h2', { id: 'health-h' }, 'System health'),
			h('p', {}, badge(s.healthy ? 'HEALTHY' : 'CRITICAL'), ` ${s.workers.totalWorkers} workers · `,
				`heap ${number(s.memory.heapUsed)} MB in use of ${number(s.memory.heapTotal)} MB committed (${number(s.memory.percentage, 1)} % of its maximum)`),
			troubled.length
				? h('ul', { class: 'plain' }, troubled.map((q) => h('li', {}, badge(q.status), ' ',
					h('a', { href: `#/queues/${encodeURIComponent(q.queueName)}` }, q.queueName), ' ', q.issues.join('; '))))
				: h('p', {}, 'Every queue is healthy.'));
		const active = data.alerts;
		put(alertList, h('h2', { id: 'alerts-h' }, 'Active alerts'),
			table('Active alerts', ['Severity', 'Queue', 'Message', 'Raised'], active.slice(0, 10).map((a) => h('tr', {},
				h('td', {}, badge(a.severity)), h('td', {}, a.queueName ?? '—'), h('td', {}, a.message,
					a.acknowledged ? ' (acknowledged)' : ''), h('td', {}, time(a.timestamp)))), 'No active alert.'),
			active.length > 10 ? h('p', {}, h('a', { href: '#/alerts' }, `All ${active.length} alerts`)) : null);
		cards.dataset.loaded = d.timestamp;
	}

	async function history() {
		const { queues } = await gql('{ queues { name } }');
		const aliases = queues.map((q, i) => `q${i}: queueMetrics(queueName: ${JSON.stringify(q.name)}, history: true, `
			+ 'historyLimit: 60) { history { timestamp jobsPerMinute errorRate } }');
		const data = queues.length ? await gql(`{ ${aliases.join('\n')} }`) : {};
		const histories = Object.values(data).map((m) => m?.history ?? []);
		put(charts, 
			lineChart('Throughput, jobs per minute (all queues)', combine(histories, 'jobsPerMinute')),
			lineChart('Error rate, % (average over queues)', combine(histories, 'errorRate', true),
				{ unit: ' %', color: 'var(--bad)' }));
		charts.dataset.loadedAt = performance.now().toFixed(1);
	}

	await refresh();
	history().catch((e) => put(charts, h('p', { class: 'message error' }, e.message)));
	const later = throttle(() => refresh().catch(() => {}), 3000);
	const stops = [on('jobEvents', later), on('alertCreated', later), on('alertAcknowledged', later),
		on('queueHealthChanged', () => { later(); history().catch(() => {}); }),
		whenNotLive(refresh, 5000)];
	// the history gains a snapshot once per monitoring interval
	const timer = setInterval(() => history().catch(() => {}), 60000);
	return () => { stops.forEach((s) => s()); clearInterval(timer); };
}

function card(title, value, note) {
	return h('div', { class: 'card' }, h('h2', {}, title), h('p', { class: 'figure' }, String(value)),
		note ? h('p', { class: 'note' }, note) : null);
}
