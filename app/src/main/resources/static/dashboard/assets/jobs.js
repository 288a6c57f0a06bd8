// Jobs: a filtered, searched, paged table that follows jobEvents, and a job's page with
// payload, result, failures with stacks, logs and live progress, and its actions.
import { gql, h, put, on, whenNotLive, throttle, debounce, number, badge, time, ago, table, act, isAdmin, field, json, toast }
	from './api.js';

const STATES = ['WAITING', 'DELAYED', 'ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED'];
const ROW = 'id queueName type state attempts maxAttempts createdAt finishedAt';
const PAGE_SIZE = 50;

export async function jobs(main, _, params) {
	const filter = {
		queueName: params.get('queue') || undefined, state: params.get('state') || undefined,
		type: params.get('type') || undefined, search: params.get('search') || undefined,
	};
	const PAGE = `jobs(filter: $f, first: ${PAGE_SIZE}, after: $after) {
		totalCount pageInfo { hasNextPage endCursor } edges { node { ${ROW} } } }`;
	// the filter's queue list and the first page in one request
	const first = await gql(`query($f: JobFilter, $after: String) { queues { name } ${PAGE} }`, { f: filter, after: null });
	const form = filterForm(filter, first.queues.map((q) => q.name));
	const count = h('span', {});
	const notice = h('span', {});
	const summary = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' }, count, ' ', notice);
	const body = h('div', {});
	const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of jobs' });
	put(main, h('h1', {}, 'Jobs'), form, summary, body, pager);
	const cursors = [null]; // the after cursor of each page seen
	let page = 0;
	const rows = new Map(); // job id -> row element
	let newJobs = 0;

	async function load(prefetched) {
		const data = prefetched
			?? await gql(`query($f: JobFilter, $after: String) { ${PAGE} }`, { f: filter, after: cursors[page] });
		const connection = data.jobs;
		rows.clear();
		newJobs = 0;
		const headers = ['Id', 'Queue', 'Type', 'State', 'Attempts', 'Created', 'Finished'];
		if (isAdmin) {
			headers.push('Actions');
		}
		put(body, table('Jobs', headers, connection.edges.map((edge) => {
			const row = jobRow(edge.node);
			rows.set(edge.node.id, row);
			return row;
		}), 'No job matches.'));
		const from = page * PAGE_SIZE + 1;
		put(notice);
		count.textContent = connection.totalCount
			? `${number(from)}–${number(from + connection.edges.length - 1)} of ${number(connection.totalCount)} jobs`
			: '0 jobs';
		put(pager, 
			h('button', { type: 'button', disabled: page === 0, onclick: () => { page--; load(); } }, '← Newer'),
			h('button', {
				type: 'button', disabled: !connection.pageInfo.hasNextPage,
				onclick: () => { cursors[page + 1] = connection.pageInfo.endCursor; page++; load(); },
			}, 'Older →'));
	}

	/** Rows refetched after their jobs changed, in one request; a deleted job's row stays, marked. */
	async function update(...ids) {
		const shown = ids.filter((id) => rows.has(id));
		if (!shown.length) {
			return;
		}
		const aliases = shown.map((id, i) => `j${i}: job(id: ${JSON.stringify(String(id))}) { ${ROW} }`);
		const data = await gql(`{ ${aliases.join('\n')} }`);
		shown.forEach((id, i) => {
			const row = rows.get(id);
			const job = data[`j${i}`];
			if (!row) {
				return;
			}
			if (!job) {
				row.classList.add('gone');
				row.dataset.state = 'DELETED';
				row.querySelector('.state').replaceChildren(badge('DELETED'));
				return;
			}
			const fresh = jobRow(job);
			row.replaceWith(fresh);
			rows.set(id, fresh);
		});
	}

	function jobRow(job) {
		const actions = isAdmin ? h('td', { class: 'actions' }, jobActions(job, () => update(job.id))) : null;
		return h('tr', { 'data-job': job.id, 'data-state': job.state },
			h('th', { scope: 'row' }, h('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, job.id)),
			h('td', {}, job.queueName), h('td', {}, job.type), h('td', { class: 'state' }, badge(job.state)),
			h('td', { class: 'num' }, `${job.attempts} / ${job.maxAttempts}`),
			h('td', {}, h('time', { datetime: job.createdAt, title: time(job.createdAt) }, ago(job.createdAt))),
			h('td', {}, job.finishedAt ? h('time', { datetime: job.finishedAt, title: time(job.finishedAt) }, ago(job.finishedAt)) : '—'),
			actions);
	}

	const pending = new Set();
	const flush = throttle(() => {
		const ids = [...pending];
		pending.clear();
		update(...ids).catch(() => {});
	}, 250);
	const stops = [
		on('jobEvents', (event) => {
			const row = rows.get(event.jobId);
			if (row) {
				// the state at once, the rest of the row right after
				row.dataset.state = event.state;
				row.querySelector('.state').replaceChildren(badge(event.state));
				pending.add(event.jobId);
				flush();
			} else if (page === 0 && ['WAITING', 'DELAYED'].includes(event.state)
				&& (!filter.state || filter.state === event.state) && (!filter.type || filter.type === event.type)
				&& (!filter.queueName || filter.queueName === event.queueName)) {
				newJobs++;
				put(notice, h('button', { type: 'button', class: 'link', onclick: () => load() },
					`${newJobs} new — show`));
			}
		}),
		whenNotLive(() => update(...rows.keys()), 5000),
	];
	await load(first);
	return () => stops.forEach((s) => s());
}

function filterForm(filter, queueNames) {
	const state = h('select', { name: 'state' }, h('option', { value: '' }, 'any'),
		STATES.map((s) => h('option', { value: s, selected: filter.state === s }, s.toLowerCase())));
	const queue = h('select', { name: 'queue' }, h('option', { value: '' }, 'any'),
		queueNames.map((n) => h('option', { value: n, selected: filter.queueName === n }, n)));
	const type = h('input', { name: 'type', value: filter.type ?? '', placeholder: 'e.g. probe' });
	const search = h('input', { name: 'search', type: 'search', value: filter.search ?? '', placeholder: 'payload or error' });
	return h('form', {
		class: 'filters', role: 'search', 'aria-label': 'Filter jobs',
		onsubmit: (event) => {
			event.preventDefault();
			const params = new URLSearchParams();
			for (const [key, input] of [['state', state], ['queue', queue], ['type', type], ['search', search]]) {
				if (input.value.trim()) {
					params.set(key, input.value.trim());
				}
			}
			location.hash = `#/jobs?${params}`;
		},
	}, field('State', state), field('Queue', queue), field('Type', type), field('Text', search),
	h('button', { type: 'submit' }, 'Filter'));
}

/** Retry, cancel and delete, as the job's state allows (admins only). */
function jobActions(job, changed) {
	const id = job.id;
	const buttons = [];
	if (['FAILED', 'CANCELLED'].includes(job.state)) {
		buttons.push(h('button', {
			type: 'button', 'aria-label': `Retry job ${id}`,
			onclick: (e) => act(e.target, () => gql('mutation($id: ID!) { retryJob(id: $id) { id state } }', { id }),
				`Job ${id} retried`).then(changed),
		}, 'Retry'));
	}
	if (['WAITING', 'DELAYED', 'ACTIVE'].includes(job.state)) {
		buttons.push(h('button', {
			type: 'button', 'aria-label': `Cancel job ${id}`,
			onclick: (e) => act(e.target, () => gql('mutation($id: ID!) { cancelJob(id: $id) { id state } }', { id }),
				`Job ${id} cancelled`).then(changed),
		}, 'Cancel'));
	}
	buttons.push(h('button', {
		type: 'button', class: 'danger', 'aria-label': `Delete job ${id}`,
		onclick: (e) => {
			if (window.confirm(`Delete job ${id} with its result, failures and logs?`)) {
				act(e.target, () => gql('mutation($id: ID!) { deleteJob(id: $id) }', { id }), `Job ${id} deleted`).then(changed);
			}
		},
	}, 'Delete'));
	return buttons;
}

const DETAIL = `id queueName type state priority payload progress attempts maxAttempts runAt createdAt startedAt finishedAt
  durationMs result workerId logs dedupeKey failures { attempt errorMessage errorStack timedOut stalled failedAt }`;

export async function jobPage(main, id) {
	let timer;
	async function render() {
		const { job } = await gql(`query($id: ID!) { job(id: $id) { ${DETAIL} } }`, { id });
		if (!job) {
			put(main, h('p', { class: 'crumbs' }, h('a', { href: '#/jobs' }, 'Jobs'), ' / ', id),
				h('h1', {}, `Job ${id}`), h('p', { role: 'status' }, 'There is no such job (it may have been deleted or cleaned).'));
			return;
		}
		put(main, 
			h('p', { class: 'crumbs' }, h('a', { href: '#/jobs' }, 'Jobs'), ' / ', job.id),
			h('h1', {}, `Job ${job.id} `, h('span', { class: 'state', id: 'job-state' }, badge(job.state))),
			isAdmin ? h('p', { class: 'actions' }, jobActions(job, () => render().catch(() => {}))) : null,
			h('div', { class: 'progress' }, h('label', { for: 'progress' }, 'Progress'),
				h('progress', { id: 'progress', max: 100, value: job.progress }, `${job.progress} %`), ` ${job.progress} %`),
			h('dl', { class: 'facts' },
				dt('Queue', h('a', { href: `#/queues/${encodeURIComponent(job.queueName)}` }, job.queueName)),
				dt('Type', job.type), dt('Priority', job.priority), dt('Attempts', `${job.attempts} / ${job.maxAttempts}`),
				dt('Created', time(job.createdAt)), dt('Runs at', time(job.runAt)), dt('Started', time(job.startedAt)),
				dt('Finished', time(job.finishedAt)), dt('Duration', job.durationMs != null ? `${number(job.durationMs)} ms` : '—'),
				dt('Worker', job.workerId ?? '—'), dt('Dedupe key', job.dedupeKey ?? '—')),
			h('div', { class: 'two' },
				h('section', { 'aria-labelledby': 'payload-h' }, h('h2', { id: 'payload-h' }, 'Payload'), h('pre', {}, json(job.payload))),
				h('section', { 'aria-labelledby': 'result-h' }, h('h2', { id: 'result-h' }, 'Result'), h('pre', {}, json(job.result)))),
			h('section', { 'aria-labelledby': 'failures-h' }, h('h2', { id: 'failures-h' }, `Failures (${job.failures.length})`),
				job.failures.length ? h('ol', { class: 'failures' }, job.failures.map((f) => h('li', {},
					h('p', {}, h('strong', {}, `Attempt ${f.attempt}`), ` at ${time(f.failedAt)}`, f.timedOut ? ' (timed out)' : '',
						f.stalled ? ' (its node stopped)' : '', ': ', f.errorMessage ?? ''),
					f.errorStack ? h('details', {}, h('summary', {}, 'Stack trace'), h('pre', {}, f.errorStack)) : null)))
					: h('p', {}, 'No failed attempt.')),
			h('section', { 'aria-labelledby': 'logs-h' }, h('h2', { id: 'logs-h' }, 'Logs'),
				h('pre', { class: 'logs' }, job.logs.length ? job.logs.join('\n') : 'No log line.')));
		// progress is not an event: follow it while the job runs
		clearInterval(timer);
		if (job.state === 'ACTIVE') {
			timer = setInterval(() => gql('query($id: ID!) { job(id: $id) { progress state } }', { id }).then(({ job: j }) => {
				const bar = document.getElementById('progress');
				if (j && bar) {
					bar.value = j.progress;
					bar.nextSibling.textContent = ` ${j.progress} %`;
				}
			}).catch(() => {}), 2000);
		}
	}
	await render();
	const again = debounce(() => render().catch((e) => toast(e.message, true)), 200);
	const stops = [on('jobEvents', (event) => {
		if (String(event.jobId) === String(id)) {
			again();
		}
	}), whenNotLive(render, 5000)];
	return () => { clearInterval(timer); stops.forEach((s) => s()); };
}

function dt(term, value) {
	return [h('dt', {}, term), h('dd', {}, value)];
}

