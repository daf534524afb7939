/**
 * The tools that take the code elsewhere: Copy, Share (a link with the code, the action and the
 * toolbar's settings, share.ts) and Go Playground (go.dev/play takes no code in a link, so the
 * code goes on the clipboard and the link opens the page).
 */
import { formatNumber } from '../results-view/index.ts';
import type { CodeView } from './code-view.ts';
import { copyText, h } from './dom.ts';
import type { BakedPayload } from './payload.ts';
import { withOptionsLine } from './options-line.ts';
import type { RunOptions } from '@playbook/engine/contract';
import { benchDefaults } from './request-options.ts';
import { maxLinkLength, shareLink } from './share.ts';
import type { StatusLine } from './status.ts';
import type { ToolbarControls, ToolbarSettings } from './toolbar-controls.ts';
import { actionLabels } from './toolbar.ts';
import type { Variant } from './variants.ts';

export interface ShareContext {
	payload: BakedPayload;
	variant: Variant;
	code: CodeView;
	toolbar: ToolbarControls;
	status: StatusLine;
}

const goPlaygroundLimits = 'It runs programs and tests, but has no escape analysis and refuses benchmarks.';

/** The settings worth writing above copied code: those that differ from what the playground starts with. */
function carried(s: ToolbarSettings): RunOptions {
	const o: RunOptions = { ...s };
	if (o.escapeDetail === 1) delete o.escapeDetail;
	if (o.count === benchDefaults.count) delete o.count;
	if (o.benchtime === benchDefaults.benchtime) delete o.benchtime;
	return o;
}

export function shareActions({ payload, variant, code, toolbar, status }: ShareContext) {
	return {
		async copy(): Promise<void> {
			const file = code.files[payload.file] !== undefined ? payload.file : Object.keys(code.files)[0]!;
			const settings = carried(toolbar.settings());
			const ok = await copyText(file.endsWith('.go') ? withOptionsLine(code.files[file] ?? '', settings) : (code.files[file] ?? ''));
			const withSettings = Object.keys(settings).length > 0 && file.endsWith('.go') ? ', with its settings in a //playbook:options line' : '';
			status.say('note', ok ? `Copied ${file} to the clipboard${withSettings}.` : 'The clipboard is not available here; select the code and copy it.');
		},

		async goPlayground(): Promise<void> {
			// One file as it is; several as txtar, which the Go Playground reads. The settings go
			// above the first Go file: the Go Playground cannot apply them, but they are not lost.
			const settings = carried(toolbar.settings());
			const files = { ...variant.requestFiles(code.files) };
			const names = Object.keys(files);
			const first = names.find((n) => n.endsWith('.go'));
			if (first) files[first] = withOptionsLine(files[first]!, settings);
			const ok = await copyText(names.length === 1 ? files[names[0]!]! : names.map((n) => `-- ${n} --\n${files[n]}`).join('\n'));
			const note = Object.keys(settings).length ? ' Its settings are in the //playbook:options line at the top; the Go Playground cannot apply them.' : '';
			status.say(
				'note',
				ok
					? `The Go Playground opened in a new tab, and the code is on your clipboard: paste it there. ${goPlaygroundLimits}${note}`
					: `The Go Playground opened in a new tab; copy the code here and paste it there. ${goPlaygroundLimits}${note}`,
			);
		},

		async share(): Promise<void> {
			const edited = !variant.recorded(code.key);
			const action = toolbar.action;
			const link = await shareLink({ id: payload.id, src: payload.src, action, options: toolbar.settings(), ...(edited ? { files: { ...code.files } } : {}) });
			if (!link.fits) {
				status.say(
					'caution',
					`This code is too large for a link: it would be ${formatNumber(link.length)} characters, and share links are kept under ${formatNumber(maxLinkLength)} so that chat and mail pass them on intact. Use Copy and send the code itself.`,
				);
				return;
			}
			history.replaceState(history.state, '', link.url);
			const copied = await copyText(link.url);
			const input = h('input', { type: 'text', readonly: true, value: link.url, 'aria-label': 'Share link' });
			const said = copied ? `Link copied (${edited ? 'your code' : 'this snippet'} and the ${actionLabels[action]} action):` : 'Copy this link:';
			status.show(h('div', { class: 'pg-note pg-share', 'data-share': '' }, h('span', {}, said), input));
			input.select();
		},
	};
}
