// Queues: the table with health, depth by state, rate, p95 and workers, with pause,
// resume and clean; a queue's page with its charts, scaling, timeout, limiters, memory.
import { gql, h, put, on, whenNotLive, throttle, number, ms, badge, time, table, act, isAdmin, hasQuery,
	toast, errorBox } from './api.js';
import { lineChart } from './chart.js';

const LIST = `{
  queues { name tier paused concurrency limiters }
  queuesHealth { queueName status issues metrics { waiting active delayed failed completed jobsPerMinute
    p95ProcessingTimeMs poolSize busyWorkers } }
}`;

export async function queues(main) {
	const body = h('div', {});
	put(main, h('h1', {}, 'Queues'), body);

	async function refresh() {
		const data = await gql(LIST);
		const health = new Map(data.queuesHealth.map((q) => [q.queueName, q]));
		const headers = ['Queue', 'Tier', 'Health', 'Waiting', 'Active', 'Delayed', 'Failed', 'Completed', 'Jobs/min',
			'p95', 'Workers'];
		if (isAdmin) {
			headers.push('Actions');
		}
		put(body, table('Queues', headers, data.queues.map((q) => {
			const hq = health.get(q.name);
			const m = hq?.metrics ?? {};
			return h('tr', { 'data-queue': q.name },
				h('th', { scope: 'row' }, h('a', { href: `#/queues/${encodeURIComponent(q.name)}` }, q.name)),
				h('td', {}, q.tier),
				h('td', { class: 'state' }, q.paused ? badge('PAUSED') : null, q.paused ? ' ' : null,
					badge(hq?.status ?? 'HEALTHY'), hq?.issues?.length ? h('span', { class: 'sr-only' }, hq.issues.join('; ')) : null),
				h('td', { class: 'num' }, number(m.waiting)), h('td', { class: 'num' }, number(m.active)),
				h('td', { class: 'num' }, number(m.delayed)), h('td', { class: 'num' }, number(m.failed)),
				h('td', { class: 'num' }, number(m.completed)), h('td', { class: 'num' }, number(m.jobsPerMinute, 1)),
				h('td', { class: 'num' }, ms(m.p95ProcessingTimeMs)),
				h('td', { class: 'num' }, `${m.busyWorkers ?? 0} / ${m.poolSize ?? 0}`),
				isAdmin ? h('td', { class: 'actions' }, ...queueActions(q, refresh)) : null);
		})));
	}

	await refresh();
	const later = throttle(() => refresh().catch(() => {}), 3000);
	const stops = [on('jobEvents', later), on('queueHealthChanged', later), whenNotLive(refresh, 5000)];
	return () => stops.forEach((s) => s());
}

/** Pause or resume, and clean, for one queue (admins only). */
function queueActions(q, refresh) {
	const name = JSON.stringify(q.name);
	const toggle = h('button', {
		type: 'button', 'aria-label': `${q.paused ? 'Resume' : 'Pause'} ${q.name}`,
		onclick: async (event) => {
			const verb = q.paused ? 'resumeQueue' : 'pauseQueue';
			const result = await act(event.target, () => gql(`mutation { ${verb}(queueName: ${name}) { status } }`),
				`${q.name}: ${q.paused ? 'resumed' : 'paused'}`);
			if (result) {
				await refresh();
			}
		},
	}, q.paused ? 'Resume' : 'Pause');
	const state = h('select', { 'aria-label': `Jobs of ${q.name} to clean` },
		['COMPLETED', 'FAILED', 'DELAYED', 'WAITING'].map((s) => h('option', { value: s }, s.toLowerCase())));
	const clean = h('button', {
		type: 'button', 'aria-label': `Clean ${q.name}`,
		onclick: async (event) => {
			if (!window.confirm(`Delete up to 1000 ${state.value.toLowerCase()} jobs of ${q.name}?`)) {
				return;
			}
			const result = await act(event.target, () => gql(`mutation($s: CleanableJobState!) {
				cleanQueue(queueName: ${name}, input: { status: $s }) { removed } }`, { s: state.value }));
			if (result) {
				toast(`${q.name}: ${result.cleanQueue.removed} jobs removed`);
				await refresh();
			}
		},
	}, 'Clean');
	return [toggle, ' ', state, clean];
}

export async function queuePage(main, name) {
	const n = JSON.stringify(name);
	const memoryWorkers = await hasQuery('workersMemory');
	const data = await gql(`{
  queue(name: ${n}) { name tier priority paused concurrency minWorkers maxWorkers timeout memoryLimitMB limiters maxAttempts }
  queueMetrics(queueName: ${n}, history: true, historyLimit: 120) {
    current { waiting active delayed failed completed jobsPerMinute errorRate timeoutRate p50ProcessingTimeMs
      p95ProcessingTimeMs p99ProcessingTimeMs oldestWaitingMs poolSize busyWorkers workers { nodeId workerId size busy } }
    history { timestamp waiting active jobsPerMinute errorRate p95ProcessingTimeMs } }
  scalingPolicies { queueName minWorkers maxWorkers scaleUpThreshold { queueDepth queueLatencyMs }
    scaleDownThreshold { queueDepth queueLatencyMs } cooldownSeconds { scaleUp scaleDown } }
  scalingDecision(queueName: ${n}) { action targetWorkers currentWorkers reason cooldownRemainingSeconds }
  scalingHistory(queueName: ${n}, limit: 10) { history { action targetWorkers currentWorkers reason executedAt } }
  timeouts { queueName timeout adaptiveEnabled softTimeoutPercentage effectiveTimeout }
  executionStats(queueName: ${n}) { sampleCount p50 p95 p99 }
  memoryConfig { jobSpecific { queueName limitMB } recycling { afterJobs afterHours } }
}`);
	if (!data.queue) {
		put(main, h('h1', {}, name), h('p', {}, 'There is no such queue.'));
		return undefined;
	}
	const q = data.queue;
	const m = data.queueMetrics.current;
	const history = [...(data.queueMetrics.history ?? [])].reverse();
	const series = (key) => history.map((s) => ({ t: new Date(s.timestamp), v: Number(s[key] ?? 0) }));
	const policy = data.scalingPolicies.find((p) => p.queueName === name);
	const timeout = data.timeouts.find((t) => t.queueName === name);
	const decision = data.scalingDecision;
	let cooldown = decision?.cooldownRemainingSeconds ?? 0;
	const countdown = h('span', { id: 'cooldown' }, `${cooldown} s`);
	const timer = setInterval(() => {
		cooldown = Math.max(0, cooldown - 1);
		countdown.textContent = `${cooldown} s`;
	}, 1000);

	const limiterRows = [];
	for (const limiter of q.limiters) {
		try {
			const status = (await gql(`query($l: String!) { rateLimitStatus(limiterName: $l) { distributed
				windows { perSecond { current limit remaining resetAt } perMinute { current limit remaining resetAt }
				perHour { current limit remaining resetAt } perDay { current limit remaining resetAt } } } }`,
			{ l: limiter })).rateLimitStatus;
			for (const [window, w] of Object.entries(status.windows)) {
				if (w) {
					limiterRows.push(h('tr', {}, h('td', {}, limiter), h('td', {}, window), h('td', { class: 'num' },
						`${w.current} / ${w.limit}`), h('td', { class: 'num' }, w.remaining), h('td', {}, time(w.resetAt)),
					h('td', {}, status.distributed ? 'cluster (Redis)' : 'this node')));
				}
			}
		} catch (e) {
			limiterRows.push(h('tr', {}, h('td', {}, limiter), h('td', { colspan: 5 }, e.message)));
		}
	}

	const memorySection = h('section', { 'aria-labelledby': 'memory-h' }, h('h2', { id: 'memory-h' }, 'Workers and memory'),
		table(`Workers of ${name}`, ['Node', 'Worker', 'Busy / size'], m.workers.map((w) => h('tr', {},
			h('td', {}, w.nodeId), h('td', {}, w.workerId), h('td', { class: 'num' }, `${w.busy} / ${w.size}`))), 'No worker.'),
		h('p', {}, `Job memory budget: ${q.memoryLimitMB} MB. Workers recycle after `
			+ `${data.memoryConfig.recycling.afterJobs} jobs or ${data.memoryConfig.recycling.afterHours} h.`));
	if (memoryWorkers) {
		memorySection.append(await workerMemory(name));
	}

	put(main, 
		h('p', { class: 'crumbs' }, h('a', { href: '#/queues' }, 'Queues'), ' / ', name),
		h('h1', {}, name, ' ', q.paused ? badge('PAUSED') : badge('ACTIVE')),
		h('section', { class: 'cards', 'aria-label': 'Figures' },
			card('Waiting', number(m.waiting)), card('Active', number(m.active)), card('Delayed', number(m.delayed)),
			card('Failed', number(m.failed)), card('Jobs / min', number(m.jobsPerMinute, 1)),
			card('Error rate', `${number(m.errorRate, 1)} %`), card('p95', ms(m.p95ProcessingTimeMs)),
			card('Oldest waiting', ms(m.oldestWaitingMs)), card('Workers', `${m.busyWorkers} / ${m.poolSize}`)),
		isAdmin ? h('p', { class: 'actions' }, ...queueActions(q, async () => window.dispatchEvent(new HashChangeEvent('hashchange')))) : null,
		h('section', { class: 'charts', 'aria-label': 'Charts' },
			lineChart('Waiting jobs', series('waiting')),
			lineChart('Jobs per minute', series('jobsPerMinute')),
			lineChart('Error rate, %', series('errorRate'), { unit: ' %', color: 'var(--bad)' }),
			lineChart('p95 processing time, ms', series('p95ProcessingTimeMs'), { unit: ' ms' })),
		h('div', { class: 'two' },
			h('section', { 'aria-labelledby': 'scaling-h' }, h('h2', { id: 'scaling-h' }, 'Scaling'),
				policy ? h('dl', {},
					dt('Workers', `${policy.minWorkers} to ${policy.maxWorkers}`),
					dt('Scale up at', `depth ${policy.scaleUpThreshold.queueDepth ?? '—'} or latency ${ms(policy.scaleUpThreshold.queueLatencyMs)}`),
					dt('Scale down at', `depth ${policy.scaleDownThreshold.queueDepth ?? '—'} and latency ${ms(policy.scaleDownThreshold.queueLatencyMs)}`),
					dt('Cooldowns', `up ${policy.cooldownSeconds.scaleUp} s, down ${policy.cooldownSeconds.scaleDown} s`),
					dt('Decision now', decision ? `${decision.action} to ${decision.targetWorkers} (now ${decision.currentWorkers}): ${decision.reason}` : '—'),
					h('dt', {}, 'Cooldown left'), h('dd', {}, countdown)) : h('p', {}, 'No scaling policy.'),
				h('h3', {}, 'Last decisions'),
				table('Last scaling decisions', ['When', 'Action', 'Workers', 'Reason'], (data.scalingHistory?.history ?? []).map((d) =>
					h('tr', {}, h('td', {}, time(d.executedAt)), h('td', {}, d.action),
						h('td', { class: 'num' }, `${d.currentWorkers} → ${d.targetWorkers}`), h('td', {}, d.reason))), 'No decision yet.')),
			h('section', { 'aria-labelledby': 'timeout-h' }, h('h2', { id: 'timeout-h' }, 'Timeout and limiters'),
				timeout ? h('dl', {},
					dt('Timeout', ms(timeout.timeout)), dt('Effective timeout', ms(timeout.effectiveTimeout)),
					dt('Adaptive', timeout.adaptiveEnabled ? 'on' : 'off'), dt('Soft warning at', `${timeout.softTimeoutPercentage} %`),
					dt('Attempts (15 min)', `${data.executionStats?.sampleCount ?? 0}, p50 ${ms(data.executionStats?.p50)}, p95 ${ms(data.executionStats?.p95)}, p99 ${ms(data.executionStats?.p99)}`))
					: null,
				table(`Rate limiters of ${name}`, ['Limiter', 'Window', 'Used', 'Left', 'Resets', 'Counted'], limiterRows,
					'This queue takes no rate limiter permit.'))),
		memorySection);
	return () => clearInterval(timer);
}

/** Worker memory with a recycle action, once the schema offers workersMemory. */
async function workerMemory(queueName) {
	const section = h('div', {});
	try {
		const data = await gql('{ workersMemory { workers { workerId queueName status jobsProcessed shouldRecycle recycleReason lastMemoryCheck { heapUsed percentage } } } }');
		const rows = data.workersMemory.workers.filter((w) => w.queueName === queueName).map((w) => {
			const recycle = isAdmin
				? h('button', {
					type: 'button', 'aria-label': `Recycle ${w.workerId}`,
					onclick: (event) => act(event.target, () => gql(`mutation($w: String!) { recycleWorker(workerId: $w,
						input: { reason: "dashboard", graceful: true }) { status message } }`, { w: w.workerId }), `${w.workerId}: recycling`),
				}, 'Recycle') : null;
			return h('tr', {}, h('td', {}, w.workerId), h('td', {}, w.status), h('td', { class: 'num' }, number(w.jobsProcessed)),
				h('td', { class: 'num' }, `${number(w.lastMemoryCheck?.heapUsed)} MB`), h('td', {}, w.shouldRecycle ? w.recycleReason ?? 'yes' : 'no'),
				isAdmin ? h('td', {}, recycle) : null);
		});
		section.append(table('Worker memory', ['Worker', 'Status', 'Jobs', 'Heap', 'Needs recycle'].concat(isAdmin ? ['Actions'] : []), rows));
	} catch (e) {
		section.append(errorBox(e));
	}
	return section;
}

function card(title, value) {
	return h('div', { class: 'card' }, h('h2', {}, title), h('p', { class: 'figure' }, String(value)));
}

function dt(term, value) {
	return [h('dt', {}, term), h('dd', {}, value)];
}

