// Schedules: next and last runs, trigger, enable or disable, delete, and a form to create
// or edit one; the server checks the cron and the form shows its error.
import { gql, h, put, time, ago, table, act, isAdmin, field, json, number, whenNotLive } from './api.js';

const FIELDS = 'name type queueName cron timezone payload description enabled priority lastRunAt nextRunAt runCount';

export async function schedules(main) {
	const list = h('div', {});
	const editor = h('section', { 'aria-labelledby': 'schedule-form-h' });
	put(main, h('h1', {}, 'Schedules'), list, isAdmin ? editor : null);

	async function refresh() {
		const { schedules: all } = await gql(`{ schedules { ${FIELDS} } }`);
		const headers = ['Name', 'Type', 'Queue', 'Cron', 'Enabled', 'Next run', 'Last run', 'Runs'];
		if (isAdmin) {
			headers.push('Actions');
		}
		put(list, table('Schedules', headers, all.map((s) => h('tr', { 'data-schedule': s.name },
			h('th', { scope: 'row' }, s.name, s.description ? h('div', { class: 'note' }, s.description) : null),
			h('td', {}, s.type), h('td', {}, s.queueName), h('td', {}, h('code', {}, s.cron), ` ${s.timezone}`),
			h('td', {}, s.enabled ? 'yes' : 'no'),
			h('td', {}, s.nextRunAt ? h('time', { datetime: s.nextRunAt, title: time(s.nextRunAt) }, ago(s.nextRunAt)) : '—'),
			h('td', {}, s.lastRunAt ? h('time', { datetime: s.lastRunAt, title: time(s.lastRunAt) }, ago(s.lastRunAt)) : '—'),
			h('td', { class: 'num' }, number(s.runCount)),
			isAdmin ? h('td', { class: 'actions' }, actions(s)) : null)), 'No schedule yet.'));
	}

	function actions(s) {
		const name = s.name;
		const run = (button, document, done) => act(button, () => gql(document, { n: name }), done).then(refresh);
		return [
			h('button', {
				type: 'button', 'aria-label': `Trigger ${name} now`,
				onclick: (e) => run(e.target, 'mutation($n: String!) { triggerSchedule(name: $n) { id } }', `${name}: one job enqueued`),
			}, 'Trigger'),
			h('button', {
				type: 'button', 'aria-label': `${s.enabled ? 'Disable' : 'Enable'} ${name}`,
				onclick: (e) => run(e.target, `mutation($n: String!) { ${s.enabled ? 'disableSchedule' : 'enableSchedule'}(name: $n) { name } }`,
					`${name}: ${s.enabled ? 'disabled' : 'enabled'}`),
			}, s.enabled ? 'Disable' : 'Enable'),
			h('button', { type: 'button', 'aria-label': `Edit ${name}`, onclick: () => showForm(s) }, 'Edit'),
			h('button', {
				type: 'button', class: 'danger', 'aria-label': `Delete ${name}`,
				onclick: (e) => window.confirm(`Delete the schedule ${name}? Jobs it enqueued stay.`)
					&& run(e.target, 'mutation($n: String!) { deleteSchedule(name: $n) }', `${name}: deleted`),
			}, 'Delete'),
		];
	}

	/** The create form, or the edit form of a schedule. */
	function showForm(existing) {
		const input = (name, value, attributes = {}) => h('input', { name, value: value ?? '', ...attributes });
		const name = input('name', existing?.name, { required: true, readonly: !!existing, pattern: '[A-Za-z0-9._:\\-]{1,200}' });
		const type = input('type', existing?.type ?? 'probe', { required: true });
		const queue = input('queueName', existing?.queueName, { placeholder: "the type's queue" });
		const cron = input('cron', existing?.cron ?? '0 */5 * * * ?', { required: true, 'aria-describedby': 'cron-help' });
		const zone = input('timezone', existing?.timezone ?? 'UTC');
		const priority = input('priority', existing?.priority, { type: 'number', min: 1, max: 10 });
		const payload = h('textarea', { name: 'payload', rows: 3 }, existing ? json(existing.payload) : '{}');
		const description = input('description', existing?.description);
		const enabled = h('input', { type: 'checkbox', name: 'enabled', checked: existing ? existing.enabled : true });
		const problem = h('div', { id: 'schedule-error', 'aria-live': 'assertive' });
		const form = h('form', {
			class: 'editor', novalidate: true,
			onsubmit: async (event) => {
				event.preventDefault();
				put(problem);
				let parsed;
				try {
					parsed = payload.value.trim() ? JSON.parse(payload.value) : undefined;
				} catch (e) {
					put(problem, h('p', { class: 'message error', role: 'alert' }, `Payload: not JSON (${e.message})`));
					return;
				}
				const values = {
					type: type.value.trim(), queueName: queue.value.trim() || undefined, cron: cron.value.trim(),
					timezone: zone.value.trim() || undefined, payload: parsed, description: description.value || undefined,
					priority: priority.value ? Number(priority.value) : undefined, enabled: enabled.checked,
				};
				const submit = form.querySelector('button[type=submit]');
				submit.disabled = true;
				try {
					if (existing) {
						await gql(`mutation($n: String!, $i: UpdateScheduleInput!) { updateSchedule(name: $n, input: $i) { name } }`,
							{ n: existing.name, i: values });
					} else {
						await gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { name } }`,
							{ i: { name: name.value.trim(), ...values } });
					}
					put(editor, h('p', { class: 'message', role: 'status' },
						`Schedule ${existing ? existing.name : name.value.trim()} saved.`), newButton());
					await refresh();
				} catch (e) {
					put(problem, h('p', { class: 'message error', role: 'alert' },
						`${e.code ? e.code + ': ' : ''}${e.message}`));
					(e.code === 'INVALID_CRON' ? cron : e.argument === 'timezone' ? zone : type).focus();
					if (e.code === 'INVALID_CRON') {
						cron.setAttribute('aria-invalid', 'true');
					}
				} finally {
					submit.disabled = false;
				}
			},
		},
		field('Name', name), field('Job type', type), field('Queue', queue), field('Cron (seconds first)', cron),
		h('p', { id: 'cron-help', class: 'note' }, 'Quartz cron, e.g. 0 0 3 * * ? for 03:00 every day.'),
		field('Timezone', zone), field('Priority (1–10)', priority), field('Payload (JSON)', payload),
		field('Description', description), h('div', { class: 'field check' }, enabled, h('label', { for: 'enabled-box' }, 'Enabled')),
		problem,
		h('button', { type: 'submit' }, existing ? 'Save changes' : 'Create schedule'),
		h('button', { type: 'button', class: 'link', onclick: () => put(editor, newButton()) }, 'Cancel'));
		enabled.id = 'enabled-box';
		put(editor, h('h2', { id: 'schedule-form-h' }, existing ? `Edit ${existing.name}` : 'New schedule'), form);
		(existing ? cron : name).focus();
	}

	function newButton() {
		return h('button', { type: 'button', onclick: () => showForm(null) }, 'New schedule');
	}

	await refresh();
	put(editor, newButton());
	const stop = whenNotLive(refresh, 10000);
	// next runs move on: refresh now and then even while live
	const timer = setInterval(() => refresh().catch(() => {}), 30000);
	return () => { stop(); clearInterval(timer); };
}
