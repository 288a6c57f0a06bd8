// Rate limits and timeouts, each row editable by an admin.
import { gql, h, put, table, isAdmin, ms, toast } from './api.js';

const ALGORITHMS = ['SLIDING_WINDOW', 'TOKEN_BUCKET', 'FIXED_WINDOW'];
const WINDOWS = ['perSecond', 'perMinute', 'perHour', 'perDay'];

export async function limits(main) {
	const rateLimits = h('section', { 'aria-labelledby': 'rate-h' });
	const timeouts = h('section', { 'aria-labelledby': 'timeouts-h' });
	put(main, h('h1', {}, 'Rate limits and timeouts'), rateLimits, timeouts);

	async function refresh() {
		const data = await gql(`{ rateLimits { limiterName algorithm perSecond perMinute perHour perDay }
			timeouts { queueName timeout adaptiveEnabled softTimeoutPercentage effectiveTimeout } }`);
		const rateHeaders = ['Limiter', 'Algorithm', 'Per second', 'Per minute', 'Per hour', 'Per day'];
		const timeoutHeaders = ['Queue', 'Timeout (ms)', 'Adaptive', 'Soft warning (%)', 'Effective'];
		if (isAdmin) {
			rateHeaders.push('Actions');
			timeoutHeaders.push('Actions');
		}
		put(rateLimits, h('h2', { id: 'rate-h' }, 'Rate limits'), table('Rate limits', rateHeaders,
			data.rateLimits.map((l) => rateRow(l))));
		put(timeouts, h('h2', { id: 'timeouts-h' }, 'Timeouts'), table('Timeouts', timeoutHeaders,
			data.timeouts.map((t) => timeoutRow(t))));
	}

	function rateRow(l) {
		if (!isAdmin) {
			return h('tr', {}, h('th', { scope: 'row' }, l.limiterName), h('td', {}, l.algorithm),
				WINDOWS.map((w) => h('td', { class: 'num' }, l[w] ?? '—')));
		}
		const label = (what) => `${what} of ${l.limiterName}`;
		const algorithm = h('select', { 'aria-label': label('Algorithm') },
			ALGORITHMS.map((a) => h('option', { value: a, selected: a === l.algorithm }, a)));
		const inputs = WINDOWS.map((w) => h('input', { type: 'number', min: 1, value: l[w] ?? '', 'aria-label': label(w), class: 'short' }));
		const save = h('button', {
			type: 'button', 'aria-label': `Save ${l.limiterName}`,
			onclick: async () => {
				const input = { algorithm: algorithm.value };
				WINDOWS.forEach((w, i) => {
					if (inputs[i].value !== '') {
						input[w] = Number(inputs[i].value);
					}
				});
				await saveWith(save, () => gql(`mutation($n: String!, $i: RateLimitInput!) { updateRateLimit(limiterName: $n, input: $i) { limiterName } }`,
					{ n: l.limiterName, i: input }), `${l.limiterName} saved`);
			},
		}, 'Save');
		return h('tr', {}, h('th', { scope: 'row' }, l.limiterName), h('td', {}, algorithm),
			inputs.map((input) => h('td', {}, input)), h('td', {}, save));
	}

	function timeoutRow(t) {
		if (!isAdmin) {
			return h('tr', {}, h('th', { scope: 'row' }, t.queueName), h('td', { class: 'num' }, t.timeout),
				h('td', {}, t.adaptiveEnabled ? 'on' : 'off'), h('td', { class: 'num' }, t.softTimeoutPercentage),
				h('td', {}, ms(t.effectiveTimeout)));
		}
		const label = (what) => `${what} of ${t.queueName}`;
		const timeout = h('input', { type: 'number', min: 1000, max: 7200000, value: t.timeout, 'aria-label': label('Timeout'), class: 'short' });
		const adaptive = h('input', { type: 'checkbox', checked: t.adaptiveEnabled, 'aria-label': label('Adaptive timeout') });
		const soft = h('input', { type: 'number', min: 1, max: 100, value: t.softTimeoutPercentage, 'aria-label': label('Soft warning'), class: 'short' });
		const save = h('button', {
			type: 'button', 'aria-label': `Save timeout of ${t.queueName}`,
			onclick: () => saveWith(save, () => gql(`mutation($q: String!, $i: UpdateTimeoutInput!) { updateTimeout(queueName: $q, input: $i) { success } }`,
				{ q: t.queueName, i: { timeout: Number(timeout.value), adaptiveEnabled: adaptive.checked, softTimeoutPercentage: Number(soft.value) } }),
			`Timeout of ${t.queueName} saved`),
		}, 'Save');
		return h('tr', {}, h('th', { scope: 'row' }, t.queueName), h('td', {}, timeout), h('td', {}, adaptive), h('td', {}, soft),
			h('td', {}, ms(t.effectiveTimeout)), h('td', {}, save));
	}

	async function saveWith(button, run, done) {
		button.disabled = true;
		try {
			await run();
			toast(done);
			await refresh();
		} catch (e) {
			toast(`${e.code ? e.code + ': ' : ''}${e.message}`, true);
		} finally {
			button.disabled = false;
		}
	}

	await refresh();
	return undefined;
}
