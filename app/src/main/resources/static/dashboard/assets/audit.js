// The audit log: every mutation, who sent it, when, with which arguments and how it ended.
import { gql, h, put, time, table, isAdmin } from './api.js';

export async function audit(main) {
	if (!isAdmin) {
		put(main, h('h1', {}, 'Audit log'), h('p', {}, 'Only admins can read the audit log.'));
		return undefined;
	}
	const { auditLog } = await gql('{ auditLog(limit: 200) { id actor operation arguments at outcome } }');
	put(main, h('h1', {}, 'Audit log'), h('p', { class: 'note' }, 'The newest 200 changes.'),
		table('Audit log', ['When', 'Who', 'Operation', 'Outcome', 'Arguments'], auditLog.map((entry) => h('tr', {},
			h('td', {}, time(entry.at)), h('td', {}, entry.actor), h('td', {}, entry.operation),
			h('td', {}, h('span', { class: `badge ${entry.outcome === 'OK' ? 'healthy' : 'warning'}` }, entry.outcome)),
			h('td', {}, entry.arguments ? h('details', {}, h('summary', {}, 'show'), h('pre', {}, entry.arguments)) : '—'))),
		'Nothing changed yet.'));
	return undefined;
}
