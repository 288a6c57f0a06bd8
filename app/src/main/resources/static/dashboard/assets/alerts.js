// Alerts: active ones (acknowledged or not), optionally the recently resolved, with
// acknowledge; follows alertCreated and alertAcknowledged.
import { gql, h, put, on, whenNotLive, throttle, badge, time, table, act, isAdmin, number } from './api.js';

export async function alerts(main) {
	const resolved = h('input', { type: 'checkbox', id: 'include-resolved' });
	const list = h('div', {});
	put(main, h('h1', {}, 'Alerts'),
		h('div', { class: 'field check' }, resolved, h('label', { for: 'include-resolved' }, 'Also show alerts resolved in the last 7 days')),
		list);

	async function refresh() {
		const { alerts: all } = await gql(`query($r: Boolean) { alerts(acknowledged: null, includeResolved: $r) {
			id severity queueName type message value threshold timestamp acknowledged acknowledgedBy acknowledgedAt resolvedAt } }`,
		{ r: resolved.checked });
		const headers = ['Severity', 'Queue', 'Type', 'Message', 'Raised', 'Acknowledged', 'Resolved'];
		if (isAdmin) {
			headers.push('Actions');
		}
		put(list, table('Alerts', headers, all.map((a) => h('tr', { 'data-alert': a.id },
			h('td', {}, badge(a.severity)), h('td', {}, a.queueName ?? '—'), h('td', {}, a.type),
			h('td', {}, a.message, h('div', { class: 'note' }, `value ${number(a.value, 1)}, threshold ${number(a.threshold, 1)}`)),
			h('td', {}, time(a.timestamp)),
			h('td', {}, a.acknowledged ? `by ${a.acknowledgedBy} at ${time(a.acknowledgedAt)}` : 'no'),
			h('td', {}, a.resolvedAt ? time(a.resolvedAt) : 'active'),
			isAdmin ? h('td', { class: 'actions' }, !a.acknowledged && !a.resolvedAt ? h('button', {
				type: 'button', 'aria-label': `Acknowledge alert ${a.id}`,
				onclick: (e) => act(e.target, () => gql('mutation($id: ID!) { acknowledgeAlert(alertId: $id) { success } }',
					{ id: a.id }), 'Alert acknowledged').then(refresh),
			}, 'Acknowledge') : null) : null)), 'No alert.'));
	}

	resolved.addEventListener('change', () => refresh());
	await refresh();
	const later = throttle(() => refresh().catch(() => {}), 500);
	const stops = [on('alertCreated', later), on('alertAcknowledged', later), on('queueHealthChanged', later),
		whenNotLive(refresh, 5000)];
	return () => stops.forEach((s) => s());
}
